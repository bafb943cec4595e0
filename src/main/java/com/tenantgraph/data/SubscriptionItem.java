package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;

/**
 * One GraphQL subscription of a WebSocket connection: item {@code TENANT#<t>#TOPIC#<topic> / SUB#<conn>#<hash of id>},
 * so the subscribers of one change are one Query of the topic's partition. It keeps what the fan-out needs to execute
 * the subscriber's own document as the subscriber: the document, its variables (JSON text) and operation name, the
 * user, and the token's expiry (a subscriber whose token expired is closed, never served). {@code expiresAt} is the
 * TTL; the item is also deleted with its connection.
 */
public record SubscriptionItem(TenantId tenant, String topic, String connectionId, String subscriptionId, UserId user,
                               Instant tokenExpiresAt, String query, String operationName, String variablesJson,
                               long expiresAt) {
    public static final String ENTITY_TYPE = "WS_SUBSCRIPTION";

    public static final EntityModel<SubscriptionItem> MODEL = EntityModel.of(SubscriptionItem.class, ENTITY_TYPE)
            .required("tenant", "topic", "connectionId", "subscriptionId", "user", "tokenExpiresAt", "query")
            .attribute("tenant", TenantId.class, a -> a.storedAs("tenantId"))
            .attribute("user", UserId.class, a -> a.storedAs("userId"))
            .attribute("variablesJson", String.class, a -> a.storedAs("variables"))
            .attribute("expiresAt", Long.class, a -> a.storedAs(TableDefinition.TTL_ATTRIBUTE))
            .key(SubscriptionItem::tableKey)
            .build();

    /**
     * The subscriptions of one topic: its partition, so the subscribers of one change are one Query, up to a thousand
     * of them per Query (or DynamoDB's 1 MB page, whichever comes first).
     */
    public static Query<SubscriptionItem> ofTopic(TenantId tenant, String topic) {
        return MODEL.query(null, Keys.topicPartition(tenant, topic)).limit(1_000);
    }

    public TableKey tableKey() {
        return Keys.subscription(tenant, topic, connectionId, Sha256.hex(subscriptionId));
    }
}
