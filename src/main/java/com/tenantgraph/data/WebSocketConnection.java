package com.tenantgraph.data;

import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A READY WebSocket connection in its tenant's space: item {@code TENANT#<t>#WSCONN#<connectionId> / CONNECTION},
 * created by a verified {@code connection_init}. Its {@code subscriptions} map (subscription id to topic) is what
 * makes an id unique on its connection and bounds the number of subscriptions, updated in the same transaction that
 * writes or deletes a {@link SubscriptionItem}. {@code expiresAt} is the TTL.
 */
public record WebSocketConnection(TenantId tenantId, String connectionId, UserId userId, Instant tokenExpiresAt,
                                  Map<String, String> subscriptions, long expiresAt) {
    public static final String ENTITY_TYPE = "WS_CONNECTION";
    /** The attribute holding the map of subscription ids to topics (update expressions name it). */
    public static final String SUBSCRIPTIONS = "subscriptions";

    private static final Codec<Map<String, String>> STRING_MAP = Codec.of(map -> {
        Map<String, AttributeValue> stored = new LinkedHashMap<>();
        map.forEach((id, topic) -> stored.put(id, AttributeValue.fromS(topic)));
        return AttributeValue.fromM(stored);
    }, stored -> {
        Map<String, String> map = new LinkedHashMap<>();
        stored.m().forEach((id, topic) -> map.put(id, topic.s()));
        return map;
    });

    @SuppressWarnings("unchecked")
    public static final EntityModel<WebSocketConnection> MODEL = EntityModel.of(WebSocketConnection.class,
                    ENTITY_TYPE)
            .required("tenantId", "connectionId", "userId", "tokenExpiresAt", SUBSCRIPTIONS)
            .attribute(SUBSCRIPTIONS, (Class<Map<String, String>>) (Class<?>) Map.class,
                    a -> a.codec(STRING_MAP).defaultValue(Map.of()))
            .attribute("expiresAt", Long.class, a -> a.storedAs(TableDefinition.TTL_ATTRIBUTE))
            .key(WebSocketConnection::tableKey)
            .build();

    public TableKey tableKey() {
        return Keys.webSocketConnection(tenantId, connectionId);
    }
}
