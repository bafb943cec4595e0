package com.tenantgraph.pipeline;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One committed change, as the fan-out read it from the table's stream, put in a subscription execution's context:
 * the subscription root field returns it (with its node) instead of subscribing. {@code item} is the changed item as
 * it is now, or as it was before a delete.
 */
public record SubscriptionEvent(String topic, Kind kind, long version, Map<String, AttributeValue> item) {

    /** The kind of change, as the schema's {@code ChangeKind} names it. */
    public enum Kind { CREATED, UPDATED, DELETED }
}
