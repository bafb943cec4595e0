package com.tenantgraph.data;

import com.tenantgraph.data.model.Attribute;
import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    public static final EntityModel<SubscriptionItem> MODEL = EntityModel.of(ENTITY_TYPE, List.of(
                    Attribute.<SubscriptionItem, String>of("tenantId", Codec.STRING, s -> s.tenant.value()).required(),
                    Attribute.of("topic", Codec.STRING, SubscriptionItem::topic).required(),
                    Attribute.of("connectionId", Codec.STRING, SubscriptionItem::connectionId).required(),
                    Attribute.of("subscriptionId", Codec.STRING, SubscriptionItem::subscriptionId).required(),
                    Attribute.<SubscriptionItem, String>of("userId", Codec.STRING, s -> s.user.value()).required(),
                    Attribute.of("tokenExpiresAt", Codec.INSTANT, SubscriptionItem::tokenExpiresAt).required(),
                    Attribute.of("query", Codec.STRING, SubscriptionItem::query).required(),
                    Attribute.of("operationName", Codec.STRING, SubscriptionItem::operationName),
                    Attribute.of("variables", Codec.STRING, SubscriptionItem::variablesJson),
                    Attribute.of(TableDefinition.TTL_ATTRIBUTE, Codec.LONG, SubscriptionItem::expiresAt)),
            SubscriptionItem::tableKey, s -> Map.of(), SubscriptionItem::read, EntityModel.Audit.NONE);

    public TableKey tableKey() {
        return Keys.subscription(tenant, topic, connectionId, Sha256.hex(subscriptionId));
    }

    private static SubscriptionItem read(Map<String, AttributeValue> item) {
        AttributeValue operation = item.get("operationName");
        AttributeValue variables = item.get("variables");
        return new SubscriptionItem(TenantId.of(item.get("tenantId").s()), item.get("topic").s(),
                item.get("connectionId").s(), item.get("subscriptionId").s(), UserId.of(item.get("userId").s()),
                Codec.INSTANT.read(item.get("tokenExpiresAt")), item.get("query").s(),
                operation == null ? null : operation.s(), variables == null ? null : variables.s(),
                Long.parseLong(item.get(TableDefinition.TTL_ATTRIBUTE).n()));
    }
}
