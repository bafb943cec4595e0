package com.tenantgraph.subscriptions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out function: invoked by the event source mapping of the table's stream with a batch of records (already
 * filtered to projects, tasks and comments), delivers each change in order ({@link FanOut}). Partial batch failures:
 * the first record that fails is reported in {@code batchItemFailures} and the rest of the batch is not attempted, so
 * Lambda retries from that record and, once its retries are spent, sends it to the on-failure destination; records
 * before it are never delivered twice by the retry.
 */
public final class StreamFanOutHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.fanout");

    private final FanOut fanOut;

    /** For the Lambda runtime: everything from the environment (docs/subscriptions.md), built once per container. */
    public StreamFanOutHandler() {
        this(SubscriptionServices.fanOutFromEnvironment(System.getenv()));
    }

    /** For tests and the local stack. */
    public StreamFanOutHandler(SubscriptionServices services) {
        this.fanOut = services.fanOut();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        List<DynamodbEvent.DynamodbStreamRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                Optional<StreamChanges.Change> change = StreamChanges.read(record.getEventName(), record.getDynamodb());
                change.ifPresent(c -> fanOut.deliver(requestId, c));
            } catch (RuntimeException e) {
                String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.atError().addKeyValue("requestId", requestId).addKeyValue("operation", "fanOut")
                        .addKeyValue("sequenceNumber", sequence).addKeyValue("errorType", e.getClass().getName())
                        .log("a change could not be delivered; the batch resumes from it");
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequence)));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
