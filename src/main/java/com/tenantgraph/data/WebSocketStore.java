package com.tenantgraph.data;

import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The items of the WebSocket API (docs/subscriptions.md): the connection pointer ({@link WebSocketPointer}), the
 * tenant's connection item with its map of subscription ids to topics, and one {@link SubscriptionItem} per
 * subscription in its topic's partition. The connection item's map is what makes an id unique on its connection and
 * bounds the number of subscriptions, in the same transaction that writes the subscription.
 */
public final class WebSocketStore {
    private static final String SUBSCRIPTIONS = "subscriptions";
    private static final String CONNECTION_TYPE = "WS_CONNECTION";

    private final Table table;
    private final Writes writes;

    public WebSocketStore(Table table, Writes writes) {
        this.table = table;
        this.writes = writes;
    }

    /** What a subscribe did. */
    public enum Subscribed { ADDED, DUPLICATE_ID, TOO_MANY, CONNECTION_GONE }

    /** {@code $connect}: a pending pointer (a retried {@code $connect} of the same id writes the same item). */
    public void connected(WebSocketPointer pending) {
        writes.put("ws.connect", WebSocketPointer.MODEL.toItem(pending), Expr.of("attribute_not_exists(#pk)")
                .name("#pk", TableKey.PK));
    }

    /** The pointer of a connection, consistent; empty when there is none (never connected, or already removed). */
    public Optional<WebSocketPointer> pointer(String connectionId) {
        return table.getConsistent(Keys.webSocketPointer(connectionId), "ws.pointer")
                .flatMap(WebSocketPointer.MODEL::fromItem);
    }

    /**
     * A verified {@code connection_init}: the pointer becomes READY with the tenant and user, and the tenant's
     * connection item is created, in one transaction. False when the pointer was no longer pending (a second
     * {@code connection_init}) or is gone.
     */
    public boolean ready(String connectionId, TenantId tenant, UserId user, Instant tokenExpiresAt, long expiresAt) {
        Writes.Transaction transaction = writes.transaction("ws.connectionInit");
        transaction.update(Keys.webSocketPointer(connectionId),
                Expr.of("SET #state = :ready, tenantId = :tenant, userId = :user, tokenExpiresAt = :exp")
                        .name("#state", WebSocketPointer.STATE).value(":ready", WebSocketPointer.READY)
                        .value(":tenant", tenant.value()).value(":user", user.value())
                        .value(":exp", Codec.INSTANT.write(tokenExpiresAt)),
                Expr.of("#state = :pending").name("#state", WebSocketPointer.STATE)
                        .value(":pending", WebSocketPointer.PENDING));
        Map<String, AttributeValue> connection = new LinkedHashMap<>(
                Keys.webSocketConnection(tenant, connectionId).toAttributeMap());
        connection.put(Attributes.ENTITY_TYPE, AttributeValue.fromS(CONNECTION_TYPE));
        connection.put("connectionId", AttributeValue.fromS(connectionId));
        connection.put("userId", AttributeValue.fromS(user.value()));
        connection.put("tokenExpiresAt", Codec.INSTANT.write(tokenExpiresAt));
        connection.put(SUBSCRIPTIONS, AttributeValue.fromM(Map.of()));
        connection.put(TableDefinition.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt)));
        transaction.put(connection, Expr.of("attribute_not_exists(#pk)").name("#pk", TableKey.PK));
        try {
            transaction.execute();
            return true;
        } catch (DataAccessException.ConditionFailedException e) {
            return false;
        }
    }

    /**
     * Adds a subscription: its id enters the connection's map (unless present, or the map is full) and its item is
     * written to the topic's partition, together.
     */
    public Subscribed subscribe(SubscriptionItem subscription, int maxPerConnection) {
        TableKey connection = Keys.webSocketConnection(subscription.tenant(), subscription.connectionId());
        Writes.Transaction transaction = writes.transaction("ws.subscribe");
        transaction.update(connection, Expr.of("SET #subs.#id = :topic").name("#subs", SUBSCRIPTIONS)
                        .name("#id", subscription.subscriptionId()).value(":topic", subscription.topic()),
                Expr.of("attribute_exists(#pk) AND attribute_not_exists(#subs.#id) AND size(#subs) < :max")
                        .name("#pk", TableKey.PK).name("#subs", SUBSCRIPTIONS).name("#id", subscription.subscriptionId())
                        .value(":max", maxPerConnection));
        transaction.put(SubscriptionItem.MODEL.toItem(subscription),
                Expr.of("attribute_not_exists(#pk)").name("#pk", TableKey.PK));
        try {
            transaction.execute();
            return Subscribed.ADDED;
        } catch (DataAccessException.ConditionFailedException e) {
            Map<String, AttributeValue> old = e.oldItem(0);
            if (old.isEmpty()) {
                return Subscribed.CONNECTION_GONE;
            }
            AttributeValue subs = old.get(SUBSCRIPTIONS);
            return subs != null && subs.hasM() && subs.m().containsKey(subscription.subscriptionId())
                    ? Subscribed.DUPLICATE_ID : Subscribed.TOO_MANY;
        }
    }

    /** {@code complete}: the id leaves the connection's map and its subscription item is deleted; unknown ids are no-ops. */
    public void complete(TenantId tenant, String connectionId, String subscriptionId) {
        Map<String, AttributeValue> old;
        try {
            old = writes.update("ws.complete", Keys.webSocketConnection(tenant, connectionId),
                    Expr.of("REMOVE #subs.#id").name("#subs", SUBSCRIPTIONS).name("#id", subscriptionId),
                    Expr.of("attribute_exists(#pk)").name("#pk", TableKey.PK), ReturnValue.ALL_OLD, null);
        } catch (DataAccessException.ConditionFailedException e) {
            return;
        }
        AttributeValue subs = old.get(SUBSCRIPTIONS);
        AttributeValue topic = subs == null || !subs.hasM() ? null : subs.m().get(subscriptionId);
        if (topic != null) {
            writes.delete("ws.complete", Keys.subscription(tenant, topic.s(), connectionId, Sha256.hex(subscriptionId)),
                    null);
        }
    }

    /** The ids of a READY connection's subscriptions, consistent; empty for a connection that is gone. */
    public List<String> subscriptionIds(TenantId tenant, String connectionId) {
        return table.getConsistent(Keys.webSocketConnection(tenant, connectionId), "ws.subscriptionIds")
                .map(item -> item.get(SUBSCRIPTIONS))
                .filter(AttributeValue::hasM)
                .map(subs -> List.copyOf(subs.m().keySet()))
                .orElse(List.of());
    }

    /** Every subscription of a topic: one Query of the topic's partition (more pages only past 1 MB). */
    public List<SubscriptionItem> subscribers(TenantId tenant, String topic) {
        List<SubscriptionItem> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = DynamoDbErrors.call("ws.subscribers", () -> table.client().query(QueryRequest.builder()
                    .tableName(table.name())
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", TableKey.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.topicPartition(tenant, topic))))
                    .exclusiveStartKey(exclusiveStart)
                    .build()));
            page.items().forEach(item -> SubscriptionItem.MODEL.fromItem(item).ifPresent(found::add));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** {@code $disconnect}: the pointer and, for a READY connection, its connection and subscription items. */
    public void disconnected(String connectionId) {
        Optional<WebSocketPointer> pointer = pointer(connectionId);
        pointer.filter(WebSocketPointer::ready).ifPresent(p -> removeConnection(p.tenant(), connectionId));
        writes.delete("ws.disconnect", Keys.webSocketPointer(connectionId), null);
    }

    /** A connection API Gateway reports gone, or one closed by policy: its items, pointer included. */
    public void removeConnection(TenantId tenant, String connectionId) {
        TableKey connectionKey = Keys.webSocketConnection(tenant, connectionId);
        Map<String, AttributeValue> connection;
        try {
            connection = writes.update("ws.remove", connectionKey, Expr.of("REMOVE #subs").name("#subs", SUBSCRIPTIONS),
                    Expr.of("attribute_exists(#pk)").name("#pk", TableKey.PK), ReturnValue.ALL_OLD, null);
        } catch (DataAccessException.ConditionFailedException e) {
            connection = Map.of();
        }
        AttributeValue subs = connection.get(SUBSCRIPTIONS);
        if (subs != null && subs.hasM()) {
            subs.m().forEach((id, topic) -> writes.delete("ws.remove",
                    Keys.subscription(tenant, topic.s(), connectionId, Sha256.hex(id)), null));
        }
        writes.delete("ws.remove", connectionKey, null);
        writes.delete("ws.remove", Keys.webSocketPointer(connectionId), null);
    }
}
