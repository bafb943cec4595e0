package com.tenantgraph.data;

import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The items of the WebSocket API (docs/subscriptions.md): the connection pointer ({@link WebSocketPointer}), the
 * tenant's {@link WebSocketConnection} with its map of subscription ids to topics, and one {@link SubscriptionItem}
 * per subscription in its topic's partition. The connection's map is what makes an id unique on its connection and
 * bounds the number of subscriptions, in the same transaction that writes the subscription. Every write goes through
 * the one write path ({@link Writes}) with the entities' models.
 */
public final class WebSocketStore {
    private static final String SUBSCRIPTIONS = WebSocketConnection.SUBSCRIPTIONS;

    private final Table table;
    private final Writes writes;

    public WebSocketStore(Table table, Writes writes) {
        this.table = table;
        this.writes = writes;
    }

    /** What a subscribe did. */
    public enum Subscribed { ADDED, DUPLICATE_ID, TOO_MANY, CONNECTION_GONE }

    private static Expr absent() {
        return Expr.of("attribute_not_exists(#pk)").name("#pk", TableKey.PK);
    }

    private static Expr present() {
        return Expr.of("attribute_exists(#pk)").name("#pk", TableKey.PK);
    }

    /** {@code $connect}: a pending pointer (a retried {@code $connect} of the same id writes the same item). */
    public void connected(WebSocketPointer pending) {
        writes.put("ws.connect", writes.create(WebSocketPointer.MODEL, pending, writes.now()), absent());
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
        transaction.update(WebSocketPointer.MODEL, Keys.webSocketPointer(connectionId),
                Update.set("#state = :ready, tenantId = :tenant, userId = :user, tokenExpiresAt = :exp")
                        .name("#state", WebSocketPointer.STATE).value(":ready", WebSocketPointer.READY)
                        .value(":tenant", tenant.value()).value(":user", user.value())
                        .value(":exp", Codec.INSTANT.write(tokenExpiresAt)),
                Expr.of("#state = :pending").name("#state", WebSocketPointer.STATE)
                        .value(":pending", WebSocketPointer.PENDING));
        WebSocketConnection connection = new WebSocketConnection(tenant, connectionId, user, tokenExpiresAt, Map.of(),
                expiresAt);
        transaction.put(writes.create(WebSocketConnection.MODEL, connection, writes.now()), absent());
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
        transaction.update(WebSocketConnection.MODEL, connection, Update.set("#subs.#id = :topic")
                        .name("#subs", SUBSCRIPTIONS).name("#id", subscription.subscriptionId())
                        .value(":topic", subscription.topic()),
                Expr.of("attribute_exists(#pk) AND attribute_not_exists(#subs.#id) AND size(#subs) < :max")
                        .name("#pk", TableKey.PK).name("#subs", SUBSCRIPTIONS).name("#id", subscription.subscriptionId())
                        .value(":max", maxPerConnection));
        transaction.put(writes.create(SubscriptionItem.MODEL, subscription, writes.now()), absent());
        try {
            transaction.execute();
            return Subscribed.ADDED;
        } catch (DataAccessException.ConditionFailedException e) {
            Map<String, AttributeValue> old = e.oldItem(0);
            if (old == null || old.isEmpty()) {
                return Subscribed.CONNECTION_GONE;
            }
            AttributeValue subs = old.get(SUBSCRIPTIONS);
            return subs != null && subs.hasM() && subs.m().containsKey(subscription.subscriptionId())
                    ? Subscribed.DUPLICATE_ID : Subscribed.TOO_MANY;
        }
    }

    /**
     * {@code complete}: the id leaves the connection's map and its subscription item is deleted, in one transaction;
     * unknown ids, and connections already gone, are no-ops.
     */
    public void complete(TenantId tenant, String connectionId, String subscriptionId) {
        Optional<WebSocketConnection> connection = connection(tenant, connectionId);
        String topic = connection.map(c -> c.subscriptions().get(subscriptionId)).orElse(null);
        if (topic == null) {
            return;
        }
        Writes.Transaction transaction = writes.transaction("ws.complete");
        transaction.update(WebSocketConnection.MODEL, Keys.webSocketConnection(tenant, connectionId),
                Update.remove("#subs.#id").name("#subs", SUBSCRIPTIONS).name("#id", subscriptionId),
                Expr.of("#subs.#id = :topic").name("#subs", SUBSCRIPTIONS).name("#id", subscriptionId)
                        .value(":topic", topic));
        transaction.delete(SubscriptionItem.MODEL, Keys.subscription(tenant, topic, connectionId,
                Sha256.hex(subscriptionId)), null);
        try {
            transaction.execute();
        } catch (DataAccessException.ConditionFailedException e) {
            // completed meanwhile (a repeated complete, or the connection removed): nothing left to do
        }
    }

    /** The ids of a READY connection's subscriptions, consistent; empty for a connection that is gone. */
    public List<String> subscriptionIds(TenantId tenant, String connectionId) {
        return connection(tenant, connectionId).map(c -> List.copyOf(c.subscriptions().keySet())).orElse(List.of());
    }

    private Optional<WebSocketConnection> connection(TenantId tenant, String connectionId) {
        return table.getConsistent(Keys.webSocketConnection(tenant, connectionId), "ws.connection")
                .flatMap(WebSocketConnection.MODEL::fromItem);
    }

    /** Every subscription of a topic: one Query of the topic's partition (more pages only past 1 MB). */
    public List<SubscriptionItem> subscribers(TenantId tenant, String topic) {
        return table.all(SubscriptionItem.ofTopic(tenant, topic));
    }

    /** {@code $disconnect}: the pointer and, for a READY connection, its connection and subscription items. */
    public void disconnected(String connectionId) {
        Optional<WebSocketPointer> pointer = pointer(connectionId);
        pointer.filter(WebSocketPointer::ready).ifPresent(p -> removeConnection(p.tenant(), connectionId));
        writes.delete("ws.disconnect", WebSocketPointer.MODEL, Keys.webSocketPointer(connectionId), null);
    }

    /**
     * A connection API Gateway reports gone, or one closed by policy: its items, pointer included. The connection
     * item goes first, so no subscribe can add to it afterwards (its condition needs the item); a subscription
     * added between the read and that delete is left to its TTL, and the fan-out removes it on the first change
     * (its connection is gone).
     */
    public void removeConnection(TenantId tenant, String connectionId) {
        Optional<WebSocketConnection> connection = connection(tenant, connectionId);
        writes.delete("ws.remove", WebSocketConnection.MODEL, Keys.webSocketConnection(tenant, connectionId), null);
        connection.ifPresent(c -> c.subscriptions().forEach((id, topic) -> writes.delete("ws.remove",
                SubscriptionItem.MODEL, Keys.subscription(tenant, topic, connectionId, Sha256.hex(id)), null)));
        writes.delete("ws.remove", WebSocketPointer.MODEL, Keys.webSocketPointer(connectionId), null);
    }
}
