package com.tenantgraph.local.streams;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A stream record as Lambda hands it to a function in a {@code DynamodbEvent}: eventID, eventName, eventVersion,
 * eventSource, awsRegion, eventSourceARN, and {@code dynamodb} with Keys, NewImage, OldImage (in DynamoDB's JSON),
 * SequenceNumber, SizeBytes, StreamViewType and ApproximateCreationDateTime (epoch seconds). Event filtering matches
 * this same shape.
 */
final class StreamRecords {
    private StreamRecords() {
    }

    static Map<String, Object> lambdaRecord(Record record, String streamArn, String region) {
        StreamRecord change = record.dynamodb();
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.put("Keys", image(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.put("NewImage", image(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.put("OldImage", image(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        Map<String, Object> lambda = new LinkedHashMap<>();
        lambda.put("eventID", record.eventID());
        lambda.put("eventName", record.eventNameAsString());
        lambda.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        lambda.put("eventSource", "aws:dynamodb");
        lambda.put("awsRegion", region);
        lambda.put("dynamodb", dynamodb);
        lambda.put("eventSourceARN", streamArn);
        return lambda;
    }

    private static Map<String, Object> image(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, attribute(value)));
        return json;
    }

    private static Map<String, Object> attribute(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case B -> Map.of("B", base64(value.b()));
            case SS -> Map.of("SS", value.ss());
            case NS -> Map.of("NS", value.ns());
            case BS -> Map.of("BS", value.bs().stream().map(StreamRecords::base64).toList());
            case M -> Map.of("M", image(value.m()));
            case L -> Map.of("L", value.l().stream().map(StreamRecords::attribute).toList());
            case BOOL -> Map.of("BOOL", value.bool());
            case NUL -> Map.of("NULL", true);
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute type this SDK does not"
                    + " know: " + value);
        };
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    static List<Object> sequenceNumbers(List<Map<String, Object>> records) {
        return records.stream().<Object>map(record -> ((Map<?, ?>) record.get("dynamodb")).get("SequenceNumber"))
                .toList();
    }
}
