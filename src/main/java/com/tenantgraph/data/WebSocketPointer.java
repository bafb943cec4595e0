package com.tenantgraph.data;

import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a WebSocket connection's id leads to: item {@code WSCONN#<connectionId> / CONNECTION}, the one documented key
 * outside any tenant's space (docs/subscriptions.md): written at {@code $connect} as PENDING, before the token and so
 * the tenant are known, made READY with the tenant and user by a verified {@code connection_init}, deleted at
 * {@code $disconnect}. Ids only; read and written only by the WebSocket function. {@code expiresAt} is the TTL.
 */
public record WebSocketPointer(String connectionId, boolean ready, Instant connectedAt, TenantId tenant, UserId user,
                               Instant tokenExpiresAt, long expiresAt) {
    public static final String ENTITY_TYPE = "WS_POINTER";
    static final String STATE = "state";
    static final String READY = "READY";
    static final String PENDING = "PENDING";

    public static final EntityModel<WebSocketPointer> MODEL = EntityModel.of(WebSocketPointer.class, ENTITY_TYPE)
            .required("connectionId", "connectedAt")
            .attribute("ready", Boolean.class, a -> a.storedAs(STATE).codec(Codec.of(
                    ready -> AttributeValue.fromS(ready ? READY : PENDING), stored -> READY.equals(stored.s()))))
            .attribute("tenant", TenantId.class, a -> a.storedAs("tenantId"))
            .attribute("user", UserId.class, a -> a.storedAs("userId"))
            .attribute("expiresAt", Long.class, a -> a.storedAs(TableDefinition.TTL_ATTRIBUTE))
            .key(p -> Keys.webSocketPointer(p.connectionId))
            .build();

    public static WebSocketPointer pending(String connectionId, Instant connectedAt, long expiresAt) {
        return new WebSocketPointer(connectionId, false, connectedAt, null, null, null, expiresAt);
    }
}
