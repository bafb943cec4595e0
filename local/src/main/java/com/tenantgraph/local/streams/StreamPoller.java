package com.tenantgraph.local.streams;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.lambda.InvocationResult;
import com.tenantgraph.local.lambda.LocalFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays Lambda's event source mapping for a DynamoDB stream on the local stack: polls every shard of the stream
 * (DescribeStream, GetShardIterator at the mapping's starting position, then GetRecords) a few times a second, drops
 * the records the mapping's filter does not admit, and invokes the function with batches of at most the batch size,
 * in order, one batch at a time per shard. A function error retries the whole batch; with
 * {@code ReportBatchItemFailures}, the batch is retried from the first failed record (an answer that names a record
 * not in the batch fails the whole batch, as in Lambda). After {@code MaximumRetryAttempts} retries the batch goes to
 * the on-failure destination, which here is a JSON log line with its sequence numbers, and the shard moves on.
 *
 * <p>Not reproduced: BisectBatchOnFunctionError, ParallelizationFactor, MaximumRecordAgeInSeconds, tumbling windows.
 */
public final class StreamPoller implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(60);

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    private final EventSourceMapping mapping;
    private final EventFilter filter;
    private final LocalFunction<DynamodbEvent, StreamsEventResponse> function;
    private final Consumer<String> log;
    private final Thread thread;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong deliveredRecords = new AtomicLong();
    private volatile boolean running = true;

    private StreamPoller(DynamoDbStreamsClient streams, String streamArn, String region, EventSourceMapping mapping,
                         RequestHandler<DynamodbEvent, StreamsEventResponse> handler, Consumer<String> log) {
        this.streams = streams;
        this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
        this.region = region;
        this.mapping = mapping;
        this.filter = EventFilter.of(mapping.filterPatterns());
        this.function = LocalFunction.of(mapping.function(), DynamodbEvent.class, handler);
        this.log = log;
        this.thread = new Thread(this::run, "local-stream-poller-" + mapping.function());
        this.thread.setDaemon(true);
    }

    /**
     * Starts polling {@code streamArn} for {@code mapping}'s function; the shard iterators are taken before this
     * returns, so a LATEST mapping sees every write made after it.
     */
    public static StreamPoller start(DynamoDbStreamsClient streams, String streamArn, String region,
                                     EventSourceMapping mapping,
                                     RequestHandler<DynamodbEvent, StreamsEventResponse> handler,
                                     Consumer<String> log) {
        StreamPoller poller = new StreamPoller(streams, streamArn, region, mapping, handler, log);
        poller.shards.putAll(poller.openShards());
        poller.thread.start();
        return poller;
    }

    /** One shard's position and the records read from it but not yet handed over. */
    private static final class ShardState {
        String iterator;
        final List<Map<String, Object>> pending = new ArrayList<>();
        int attempts;
        long firstPendingNanos;
    }

    private final Map<String, ShardState> shards = new LinkedHashMap<>();

    /** How many times the function was invoked, and with how many records in all (for tests and the benchmark). */
    public long invocations() {
        return invocations.get();
    }

    public long deliveredRecords() {
        return deliveredRecords.get();
    }

    private Map<String, ShardState> openShards() {
        Map<String, ShardState> opened = new LinkedHashMap<>();
        for (Shard shard : streams.describeStream(DescribeStreamRequest.builder().streamArn(streamArn).build())
                .streamDescription().shards()) {
            if (shards.containsKey(shard.shardId())) {
                continue;
            }
            ShardState state = new ShardState();
            state.iterator = streams.getShardIterator(GetShardIteratorRequest.builder().streamArn(streamArn)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.fromValue(
                            mapping.startingPosition())).build()).shardIterator();
            opened.put(shard.shardId(), state);
        }
        return opened;
    }

    private void run() {
        long lastShardRefresh = System.nanoTime();
        while (running) {
            boolean busy = false;
            try {
                for (ShardState shard : shards.values()) {
                    busy |= poll(shard);
                }
                if (System.nanoTime() - lastShardRefresh > Duration.ofSeconds(5).toNanos()) {
                    shards.putAll(openShards());
                    lastShardRefresh = System.nanoTime();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                logLine(Map.of("type", "stream-poller", "error", String.valueOf(e)));
            }
            if (!busy && !sleep(POLL_INTERVAL)) {
                return;
            }
        }
    }

    /** Reads more records if there is room, then hands over one batch; true when there is more to do at once. */
    private boolean poll(ShardState shard) {
        if (shard.iterator != null && shard.pending.size() < mapping.batchSize()) {
            GetRecordsResponse response = streams.getRecords(request -> request.shardIterator(shard.iterator)
                    .limit(mapping.batchSize()));
            shard.iterator = response.nextShardIterator();
            for (Record record : response.records()) {
                Map<String, Object> lambdaRecord = StreamRecords.lambdaRecord(record, streamArn, region);
                if (filter.admits(lambdaRecord)) {
                    if (shard.pending.isEmpty()) {
                        shard.firstPendingNanos = System.nanoTime();
                    }
                    shard.pending.add(lambdaRecord);
                }
            }
        }
        if (shard.pending.isEmpty() || !batchReady(shard)) {
            return false;
        }
        List<Map<String, Object>> batch = List.copyOf(shard.pending.subList(0,
                Math.min(mapping.batchSize(), shard.pending.size())));
        int failedFrom = invoke(batch);
        if (failedFrom < 0) {
            shard.pending.subList(0, batch.size()).clear();
            shard.attempts = 0;
            return !shard.pending.isEmpty();
        }
        shard.pending.subList(0, failedFrom).clear();
        shard.attempts++;
        if (mapping.maximumRetryAttempts() >= 0 && shard.attempts > mapping.maximumRetryAttempts()) {
            List<Map<String, Object>> failed = batch.subList(failedFrom, batch.size());
            logLine(Map.of("type", "stream-poller", "onFailureDestination", mapping.function(),
                    "sequenceNumbers", StreamRecords.sequenceNumbers(failed),
                    "note", "retries exhausted; the batch goes to the on-failure destination"));
            shard.pending.subList(0, failed.size()).clear();
            shard.attempts = 0;
            return !shard.pending.isEmpty();
        }
        return sleep(RETRY_BACKOFF);
    }

    private boolean batchReady(ShardState shard) {
        return shard.pending.size() >= mapping.batchSize() || shard.attempts > 0
                || System.nanoTime() - shard.firstPendingNanos >= mapping.batchingWindow().toNanos();
    }

    /** Invokes the function with the batch; -1 when it all succeeded, else the index to retry from. */
    private int invoke(List<Map<String, Object>> batch) {
        invocations.incrementAndGet();
        InvocationResult result = function.invoke(json(Map.of("Records", batch)), FUNCTION_TIMEOUT);
        if (result instanceof InvocationResult.FunctionError error) {
            logLine(Map.of("type", "stream-poller", "function", mapping.function(), "records", batch.size(),
                    "error", error.toString()));
            return 0;
        }
        int failedFrom = mapping.reportsItemFailures() ? firstFailure(result.payload(), batch) : -1;
        deliveredRecords.addAndGet(failedFrom < 0 ? batch.size() : failedFrom);
        if (failedFrom >= 0) {
            logLine(Map.of("type", "stream-poller", "function", mapping.function(), "records", batch.size(),
                    "retryFrom", failedFrom));
        }
        return failedFrom;
    }

    /** The index of the first record the answer's batchItemFailures names; 0 when one names no record of the batch. */
    private static int firstFailure(byte[] answer, List<Map<String, Object>> batch) {
        List<Object> sequenceNumbers = StreamRecords.sequenceNumbers(batch);
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(answer);
        } catch (IOException e) {
            return 0;
        }
        if (!(parsed instanceof Map<?, ?> response) || !(response.get("batchItemFailures") instanceof List<?> failures)
                || failures.isEmpty()) {
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (Object failure : failures) {
            Object id = failure instanceof Map<?, ?> item ? item.get("itemIdentifier") : null;
            int index = sequenceNumbers.indexOf(id);
            if (index < 0) {
                return 0;
            }
            first = Math.min(first, index);
        }
        return first;
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void logLine(Map<String, Object> line) {
        log.accept(new String(json(line), StandardCharsets.UTF_8));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.std.asBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops polling; an invocation in progress is interrupted. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
