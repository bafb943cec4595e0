package com.tenantgraph.subscriptions;

import com.tenantgraph.json.Json;
import com.tenantgraph.json.MalformedJsonException;
import com.tenantgraph.data.SubscriptionItem;
import com.tenantgraph.data.WebSocketPointer;
import com.tenantgraph.data.WebSocketStore;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.pipeline.SubscriptionOperations;
import com.tenantgraph.tenancy.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of graphql-transport-ws, one message at a time and stateless: the connection's state is its pointer
 * item (PENDING until a verified {@code connection_init}, then READY with the tenant and user), its subscriptions are
 * items, and every answer is posted through the {@link ConnectionChannel}. The rules (codes, order of checks) are
 * listed in docs/subscriptions.md; every malformed message gets the protocol's answer and never an exception out of
 * the handler.
 */
public final class TransportProtocol {
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.websocket");
    /** A subscription id is the client's text: bounded, as it is stored and echoed. */
    private static final int MAX_ID_LENGTH = 128;
    private static final List<String> TOKEN_KEYS = List.of("authorization", "Authorization", "token");

    private final WebSocketStore store;
    private final ConnectionChannel channel;
    private final TokenCheck tokens;
    private final SubscriptionOperations operations;
    private final com.tenantgraph.data.ItemReader reader;
    private final SubscriptionSettings settings;
    private final Clock clock;
    private final PolicyClose policy;

    public TransportProtocol(WebSocketStore store, ConnectionChannel channel, TokenCheck tokens,
                             SubscriptionOperations operations, com.tenantgraph.data.ItemReader reader,
                             SubscriptionSettings settings, Clock clock) {
        this.store = store;
        this.channel = channel;
        this.tokens = tokens;
        this.operations = operations;
        this.reader = reader;
        this.settings = settings;
        this.clock = clock;
        this.policy = new PolicyClose(store, channel);
    }

    /** {@code $connect}: the pending pointer, whose TTL is the init deadline's (plus slack for the clock). */
    public void connected(String connectionId) {
        Instant now = clock.instant();
        store.connected(WebSocketPointer.pending(connectionId, now,
                now.plus(settings.initTimeout()).plusSeconds(60).getEpochSecond()));
    }

    /** {@code $disconnect}: the connection's items. */
    public void disconnected(String connectionId) {
        store.disconnected(connectionId);
    }

    /** {@code $default}: one client message. */
    public void message(String requestId, String connectionId, String body) {
        if (body == null || body.getBytes(StandardCharsets.UTF_8).length > settings.maxMessageBytes()) {
            channel.close(connectionId, body == null ? Close.BAD_REQUEST : Close.MESSAGE_TOO_LARGE);
            return;
        }
        Map<String, Object> message = parse(body);
        Object type = message == null ? null : message.get("type");
        if (!(type instanceof String kind)) {
            channel.close(connectionId, Close.BAD_REQUEST);
            return;
        }
        switch (kind) {
            case "ping" -> channel.post(connectionId, Messages.pong(message.get("payload")));
            case "pong" -> {
                // a client's answer to a ping the server never sends, or a heartbeat: nothing to do
            }
            case "connection_init" -> init(requestId, connectionId, message.get("payload"));
            case "subscribe" -> subscribe(requestId, connectionId, message);
            case "complete" -> complete(connectionId, message);
            default -> channel.close(connectionId, Close.BAD_REQUEST);
        }
    }

    private void init(String requestId, String connectionId, Object payload) {
        Optional<WebSocketPointer> pointer = store.pointer(connectionId);
        if (pointer.isEmpty()) {
            channel.close(connectionId, Close.BAD_REQUEST);
            return;
        }
        if (pointer.get().ready()) {
            channel.close(connectionId, Close.TOO_MANY_INIT);
            return;
        }
        if (pastInitDeadline(pointer.get())) {
            channel.close(connectionId, Close.INIT_TIMEOUT);
            return;
        }
        Optional<Caller> caller = token(payload).flatMap(tokens::verify);
        if (caller.isEmpty()) {
            log(requestId, connectionId, null, "connection_init", "UNAUTHENTICATED");
            channel.close(connectionId, Close.UNAUTHORIZED);
            return;
        }
        Optional<ApiException> notMember = membership(requestId, caller.get());
        if (notMember.isPresent()) {
            log(requestId, connectionId, caller.get(), "connection_init", "FORBIDDEN");
            channel.close(connectionId, Close.forbidden(notMember.get().getMessage()));
            return;
        }
        if (!store.ready(connectionId, caller.get().tenant(), caller.get().user(), caller.get().expiresAt(),
                clock.instant().plus(settings.itemTtl()).getEpochSecond())) {
            channel.close(connectionId, Close.TOO_MANY_INIT);
            return;
        }
        log(requestId, connectionId, caller.get(), "connection_init", "OK");
        channel.post(connectionId, Messages.connectionAck());
    }

    private void subscribe(String requestId, String connectionId, Map<String, Object> message) {
        Object id = message.get("id");
        Object payload = message.get("payload");
        if (!(id instanceof String subscriptionId) || subscriptionId.isEmpty()
                || subscriptionId.length() > MAX_ID_LENGTH || !(payload instanceof Map<?, ?> request)
                || !(request.get("query") instanceof String query)
                || request.get("operationName") != null && !(request.get("operationName") instanceof String)
                || request.get("variables") != null && !(request.get("variables") instanceof Map)) {
            channel.close(connectionId, Close.BAD_REQUEST);
            return;
        }
        Optional<WebSocketPointer> pointer = store.pointer(connectionId);
        if (pointer.isEmpty() || !pointer.get().ready()) {
            boolean late = pointer.isPresent() && pastInitDeadline(pointer.get());
            channel.close(connectionId, late ? Close.INIT_TIMEOUT : Close.UNAUTHORIZED);
            return;
        }
        WebSocketPointer connection = pointer.get();
        Caller caller = new Caller(connection.tenant(), connection.user(), null, null, connection.tokenExpiresAt(),
                null);
        if (!caller.expiresAt().isAfter(clock.instant())) {
            policy.close(caller.tenant(), connectionId, Close.TOKEN_EXPIRED,
                    new ApiException(ErrorCode.UNAUTHENTICATED, "The token has expired"), requestId);
            return;
        }
        String operationName = (String) request.get("operationName");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) request.get("variables");
        SubscriptionOperations.Opened opened = operations.subscribe(requestId, caller, query, operationName, variables);
        if (opened instanceof SubscriptionOperations.Opened.NotMember notMember) {
            log(requestId, connectionId, caller, "subscribe", "FORBIDDEN");
            policy.close(caller.tenant(), connectionId, Close.forbidden(notMember.reason().getMessage()),
                    notMember.reason(), requestId);
        } else if (opened instanceof SubscriptionOperations.Opened.Refused refused) {
            log(requestId, connectionId, caller, "subscribe", String.valueOf(((Map<?, ?>) refused.errors().get(0)
                    .getOrDefault("extensions", Map.of())).get("code")));
            channel.post(connectionId, Messages.error(subscriptionId, refused.errors()));
        } else if (opened instanceof SubscriptionOperations.Opened.Accepted accepted) {
            store(requestId, connectionId, caller, subscriptionId, query, operationName, variables, accepted.topic());
        }
    }

    private void store(String requestId, String connectionId, Caller caller, String subscriptionId, String query,
                       String operationName, Map<String, Object> variables, String topic) {
        SubscriptionItem item = new SubscriptionItem(caller.tenant(), topic, connectionId, subscriptionId,
                caller.user(), caller.expiresAt(), query, operationName,
                variables == null || variables.isEmpty() ? null : Messages.json(variables),
                clock.instant().plus(settings.itemTtl()).getEpochSecond());
        switch (store.subscribe(item, settings.maxSubscriptions())) {
            case ADDED -> log(requestId, connectionId, caller, "subscribe", "OK");
            case DUPLICATE_ID -> channel.close(connectionId, Close.subscriberExists(subscriptionId));
            case TOO_MANY -> channel.post(connectionId, Messages.error(subscriptionId, List.of(
                    ErrorMapper.withRequestId(ErrorMapper.toGraphQlError(ApiException.badInput("id",
                            "A connection holds at most " + settings.maxSubscriptions()
                                    + " subscriptions; complete one first"), null, null), requestId)
                            .toSpecification())));
            case CONNECTION_GONE -> channel.close(connectionId, Close.UNAUTHORIZED);
        }
    }

    private void complete(String connectionId, Map<String, Object> message) {
        if (!(message.get("id") instanceof String id) || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            channel.close(connectionId, Close.BAD_REQUEST);
            return;
        }
        Optional<WebSocketPointer> pointer = store.pointer(connectionId);
        if (pointer.isPresent() && pointer.get().ready()) {
            store.complete(pointer.get().tenant(), connectionId, id);
        }
    }

    /** The membership rule of every request ({@code MembershipCheck}), through a request context of its own. */
    private Optional<ApiException> membership(String requestId, Caller caller) {
        RequestContext context = RequestContext.create(requestId, caller, reader);
        context.loaders().dispatchAll();
        try {
            context.membership().join();
            return Optional.empty();
        } catch (CompletionException e) {
            ApiException refused = ErrorMapper.toApiException(e);
            if (refused.code() != ErrorCode.FORBIDDEN) {
                throw refused; // the store is unavailable: not the client's fault, the function fails
            }
            return Optional.of(refused);
        }
    }

    private boolean pastInitDeadline(WebSocketPointer pointer) {
        return clock.instant().isAfter(pointer.connectedAt().plus(settings.initTimeout()));
    }

    /** The token of {@code connectionParams}: {@code authorization}, {@code Authorization} or {@code token}. */
    static Optional<String> token(Object payload) {
        if (!(payload instanceof Map<?, ?> params)) {
            return Optional.empty();
        }
        for (String key : TOKEN_KEYS) {
            if (params.get(key) instanceof String value && !value.isBlank()) {
                String token = value.strip();
                if (token.regionMatches(true, 0, "Bearer", 0, 6)
                        && (token.length() == 6 || Character.isWhitespace(token.charAt(6)))) {
                    token = token.substring(6).strip();
                }
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> parse(String body) {
        try {
            Object value = Json.parse(body);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> message = (Map<String, Object>) map;
                return message;
            }
            return null;
        } catch (MalformedJsonException e) {
            return null;
        }
    }

    private static void log(String requestId, String connectionId, Caller caller, String operation, String outcome) {
        LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("connectionId", connectionId)
                .addKeyValue("tenantId", caller == null ? null : caller.tenant().value())
                .addKeyValue("userId", caller == null ? null : caller.user().value())
                .addKeyValue("operation", operation).addKeyValue("outcome", outcome.toUpperCase(Locale.ROOT))
                .log("websocket message");
    }
}
