package com.tenantgraph.subscriptions;

import com.tenantgraph.data.WebSocketStore;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.tenancy.TenantId;
import java.util.List;
import java.util.Map;

/**
 * Ends a connection that policy no longer allows (membership disabled or removed, token expired). Deployed, API Gateway
 * drops the close code, so the reason is first sent where every graphql-ws client shows it: an {@code error} message
 * with {@code extensions.code} for each of the connection's subscriptions. Then its items are removed (so the next
 * event does not find it again) and the socket is closed with the protocol code.
 */
final class PolicyClose {
    private final WebSocketStore store;
    private final ConnectionChannel channel;

    PolicyClose(WebSocketStore store, ConnectionChannel channel) {
        this.store = store;
        this.channel = channel;
    }

    void close(TenantId tenant, String connectionId, Close close, ApiException reason, String requestId) {
        List<Map<String, Object>> errors = List.of(ErrorMapper.withRequestId(
                ErrorMapper.toGraphQlError(reason, null, null), requestId).toSpecification());
        for (String id : store.subscriptionIds(tenant, connectionId)) {
            if (!channel.post(connectionId, Messages.error(id, errors))) {
                break; // gone: nothing more reaches it
            }
        }
        store.removeConnection(tenant, connectionId);
        channel.close(connectionId, close);
    }
}
