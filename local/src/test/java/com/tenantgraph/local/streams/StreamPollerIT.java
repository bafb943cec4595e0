package com.tenantgraph.local.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.tenantgraph.data.Table;
import com.tenantgraph.local.SdkClients;
import com.tenantgraph.local.data.SharedMoto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local event source mapping against moto_server's real DynamoDB stream: a recording function behind it, writes
 * made with the real SDK, and the batches the function received compared with what Lambda would send.
 */
@ExtendWith(SharedMoto.class)
class StreamPollerIT {
    private static final String TASKS_ONLY = "{\"dynamodb\":{\"Keys\":{\"SK\":{\"S\":[{\"prefix\":\"TASK#\"}]}}}}";

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> started = new ArrayList<>();

    /** Records each batch's SK values, and answers what {@code answer} says for it. */
    private static final class Recorder implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<DynamodbEvent.DynamodbStreamRecord> records = new CopyOnWriteArrayList<>();
        final Function<List<DynamodbEvent.DynamodbStreamRecord>, StreamsEventResponse> answer;

        Recorder(Function<List<DynamodbEvent.DynamodbStreamRecord>, StreamsEventResponse> answer) {
            this.answer = answer;
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            batches.add(event.getRecords().stream().map(r -> r.getDynamodb().getKeys().get("SK").getS()).toList());
            records.addAll(event.getRecords());
            return answer.apply(event.getRecords());
        }

        List<String> delivered() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    private StreamPoller start(Table table, EventSourceMapping mapping, Recorder function) {
        var endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        DynamoDbStreamsClient streams = SdkClients.dynamoDbStreams(endpoint, "us-east-1");
        started.add(streams);
        String streamArn = table.client().describeTable(r -> r.tableName(table.name())).table().latestStreamArn();
        StreamPoller poller = StreamPoller.start(streams, streamArn, "us-east-1", mapping, function, log::add);
        started.add(0, poller);
        return poller;
    }

    private static EventSourceMapping mapping(int batchSize, List<String> filters, int maxRetries) {
        return new EventSourceMapping("StreamFanOutFunction", "Table", "LATEST", batchSize, Duration.ZERO, filters,
                true, maxRetries);
    }

    private static void put(Table table, String sk) {
        table.client().putItem(r -> r.tableName(table.name()).item(Map.of("PK", AttributeValue.fromS("TENANT#t"),
                "SK", AttributeValue.fromS(sk), "title", AttributeValue.fromS("title of " + sk))));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 15 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void poller_deliversOnlyWritesAfterItStarted_inOrder_inBatchesOfAtMostTheBatchSize_andOnlyWhatTheFilterAdmits(
            Table table) throws Exception {
        put(table, "TASK#0-before-the-poller");
        Recorder function = new Recorder(records -> new StreamsEventResponse(List.of()));
        StreamPoller poller = start(table, mapping(2, List.of(TASKS_ONLY), -1), function);

        for (int i = 1; i <= 5; i++) {
            put(table, "TASK#" + i);
            put(table, "COMMENT#" + i);
        }
        await(() -> function.delivered().size() >= 5);

        assertThat(function.delivered()).containsExactly("TASK#1", "TASK#2", "TASK#3", "TASK#4", "TASK#5");
        assertThat(function.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 2));
        assertThat(poller.deliveredRecords()).isEqualTo(5);
        DynamodbEvent.DynamodbStreamRecord first = function.records.get(0);
        assertThat(first.getEventName()).isEqualTo("INSERT");
        assertThat(first.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(first.getEventSourceARN()).contains(table.name());
        assertThat(first.getDynamodb().getNewImage().get("title").getS()).isEqualTo("title of TASK#1");
        assertThat(first.getDynamodb().getSequenceNumber()).isNotBlank();
    }

    @Test
    void reportedItemFailure_isRetriedFromThatRecord_andTheRecordsBeforeItAreNotSentAgain(Table table)
            throws Exception {
        List<Boolean> failedOnce = new CopyOnWriteArrayList<>();
        Recorder function = new Recorder(records -> {
            for (var record : records) {
                if (record.getDynamodb().getKeys().get("SK").getS().equals("TASK#2") && failedOnce.isEmpty()) {
                    failedOnce.add(true);
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(
                            record.getDynamodb().getSequenceNumber())));
                }
            }
            return new StreamsEventResponse(List.of());
        });
        start(table, mapping(10, List.of(), -1), function);

        for (int i = 1; i <= 3; i++) {
            put(table, "TASK#" + i);
        }
        await(() -> function.delivered().contains("TASK#3") && function.delivered().lastIndexOf("TASK#2")
                != function.delivered().indexOf("TASK#2"));

        List<String> delivered = function.delivered();
        assertThat(delivered).filteredOn("TASK#1"::equals).hasSize(1);
        assertThat(delivered).filteredOn("TASK#2"::equals).hasSize(2);
        assertThat(delivered.get(delivered.size() - 1)).isEqualTo("TASK#3");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("\"retryFrom\""));
    }

    @Test
    void failingFunction_retriesTheWholeBatch_thenSendsItToTheOnFailureDestination_andMovesOn(Table table)
            throws Exception {
        Recorder function = new Recorder(records -> {
            if (records.stream().anyMatch(r -> r.getDynamodb().getKeys().get("SK").getS().equals("TASK#poison"))) {
                throw new IllegalStateException("cannot deliver");
            }
            return new StreamsEventResponse(List.of());
        });
        start(table, mapping(1, List.of(), 2), function);

        put(table, "TASK#poison");
        put(table, "TASK#after");
        await(() -> function.delivered().contains("TASK#after"));

        assertThat(function.delivered()).containsExactly("TASK#poison", "TASK#poison", "TASK#poison", "TASK#after");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("onFailureDestination"));
    }
}
