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

    public static final EntityModel<WebSocketPointer> MODEL = EntityModel.of(ENTITY_TYPE, List.of(
                    Attribute.<WebSocketPointer, String>of("connectionId", Codec.STRING, WebSocketPointer::connectionId)
                            .required(),
                    Attribute.<WebSocketPointer, String>of(STATE, Codec.STRING, p -> p.ready ? READY : PENDING),
                    Attribute.of("connectedAt", Codec.INSTANT, WebSocketPointer::connectedAt),
                    Attribute.<WebSocketPointer, String>of("tenantId", Codec.STRING,
                            p -> p.tenant == null ? null : p.tenant.value()),
                    Attribute.<WebSocketPointer, String>of("userId", Codec.STRING,
                            p -> p.user == null ? null : p.user.value()),
                    Attribute.of("tokenExpiresAt", Codec.INSTANT, WebSocketPointer::tokenExpiresAt),
                    Attribute.of(TableDefinition.TTL_ATTRIBUTE, Codec.LONG, WebSocketPointer::expiresAt)),
            p -> Keys.webSocketPointer(p.connectionId), p -> Map.of(), WebSocketPointer::read,
            EntityModel.Audit.NONE);

    public static WebSocketPointer pending(String connectionId, Instant connectedAt, long expiresAt) {
        return new WebSocketPointer(connectionId, false, connectedAt, null, null, null, expiresAt);
    }

    private static WebSocketPointer read(Map<String, AttributeValue> item) {
        String tenant = string(item, "tenantId");
        String user = string(item, "userId");
        return new WebSocketPointer(item.get("connectionId").s(), READY.equals(string(item, STATE)),
                Codec.INSTANT.read(item.get("connectedAt")), tenant == null ? null : TenantId.of(tenant),
                user == null ? null : UserId.of(user), item.containsKey("tokenExpiresAt")
                ? Codec.INSTANT.read(item.get("tokenExpiresAt")) : null, Long.parseLong(item.get(TableDefinition.TTL_ATTRIBUTE).n()));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
