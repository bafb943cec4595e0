package com.tenantgraph.local.subscriptions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Table;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads moto's DynamoDB stream of a table with the real SDK streams client (DescribeStream, GetShardIterator,
 * GetRecords) and turns the records into the Lambda event the event source mapping would deliver: the fan-out
 * handler is then called with real stream records of real writes. Each {@link #drain()} returns what is new.
 */
final class StreamRecords implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    StreamRecords(Table table) {
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        this.streams = AwsClients.build(DynamoDbStreamsClient.builder(),
                AwsClients.Settings.local(endpoint, "us-east-1", AwsClients.Timeouts.OPERATOR));
        this.streamArn = table.client().describeTable(r -> r.tableName(table.name())).table().latestStreamArn();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            iterators.put(shard.shardId(), streams.getShardIterator(r -> r.streamArn(streamArn)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.LATEST)).shardIterator());
        }
    }

    /** The records written since the last drain (or since construction), as one DynamodbEvent. */
    DynamodbEvent drain() {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            var page = streams.getRecords(r -> r.shardIterator(shard.getValue()));
            page.records().forEach(record -> records.add(lambdaRecord(record)));
            shard.setValue(page.nextShardIterator());
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record record) {
        DynamodbEvent.DynamodbStreamRecord converted = new DynamodbEvent.DynamodbStreamRecord();
        converted.setEventName(record.eventNameAsString());
        converted.setEventSource("aws:dynamodb");
        converted.setEventSourceARN(streamArn);
        StreamRecord body = new StreamRecord()
                .withKeys(image(record.dynamodb().keys()))
                .withSequenceNumber(record.dynamodb().sequenceNumber())
                .withStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                        .fromValue(record.dynamodb().streamViewTypeAsString()));
        if (record.dynamodb().hasNewImage()) {
            body.setNewImage(image(record.dynamodb().newImage()));
        }
        if (record.dynamodb().hasOldImage()) {
            body.setOldImage(image(record.dynamodb().oldImage()));
        }
        converted.setDynamodb(body);
        return converted;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted =
                new LinkedHashMap<>();
        image.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> converted.setS(v.s());
            case N -> converted.setN(v.n());
            case BOOL -> converted.setBOOL(v.bool());
            case NUL -> converted.setNULL(true);
            case SS -> converted.setSS(v.ss());
            case NS -> converted.setNS(v.ns());
            case M -> converted.setM(image(v.m()));
            case L -> converted.setL(v.l().stream().map(StreamRecords::value).toList());
            case B -> converted.setB(v.b().asByteBuffer());
            default -> throw new IllegalArgumentException("unexpected attribute type " + v.type());
        }
        return converted;
    }

    @Override
    public void close() {
        streams.close();
    }
}
