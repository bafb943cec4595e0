package com.tenantgraph.subscriptions;

import com.tenantgraph.json.Json;
import com.tenantgraph.json.MalformedJsonException;
import com.tenantgraph.data.SubscriptionItem;
import com.tenantgraph.data.WebSocketStore;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.pipeline.SubscriptionOperations;
import com.tenantgraph.tenancy.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.dataloader.DataLoaderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one change to its subscribers. Costs, for N subscribers of the change's topic: one Query of the topic's
 * partition; one consistent BatchGetItem of the subscribers' membership records (queued together on the event's one
 * DataLoader); the DataLoader's batched reads for what the documents select (shared by the N executions, all of the
 * change's tenant, so an item read for one subscriber is not read again for the next); N PostToConnection.
 *
 * <p>A subscriber whose token has expired is closed with 4401, one whose membership is disabled or removed with 4403
 * (after an {@code error} per subscription, see {@link PolicyClose}); neither receives the change. A connection API
 * Gateway reports gone has its items removed.
 */
final class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.fanout");

    private final WebSocketStore store;
    private final ConnectionChannel channel;
    private final SubscriptionOperations operations;
    private final PolicyClose policy;
    private final Clock clock;
    private final Executor posts;

    FanOut(WebSocketStore store, ConnectionChannel channel, SubscriptionOperations operations, Clock clock,
           Executor posts) {
        this.store = store;
        this.channel = channel;
        this.operations = operations;
        this.policy = new PolicyClose(store, channel);
        this.clock = clock;
        this.posts = posts;
    }

    /** What one change came to, for the log and the tests. */
    record Delivery(int subscribers, int delivered, int closed, int gone) {
    }

    Delivery deliver(String requestId, StreamChanges.Change change) {
        List<SubscriptionItem> subscriptions = store.subscribers(change.tenant(), change.event().topic());
        if (subscriptions.isEmpty()) {
            return new Delivery(0, 0, 0, 0);
        }
        DataLoaderRegistry loaders = operations.eventLoaders();
        Set<String> closed = new LinkedHashSet<>();
        List<SubscriptionItem> live = new ArrayList<>();
        List<RequestContext> contexts = new ArrayList<>();
        for (SubscriptionItem subscription : subscriptions) {
            if (!subscription.tokenExpiresAt().isAfter(clock.instant())) {
                if (closed.add(subscription.connectionId())) {
                    policy.close(change.tenant(), subscription.connectionId(), Close.TOKEN_EXPIRED,
                            new ApiException(ErrorCode.UNAUTHENTICATED, "The token has expired"), requestId);
                }
                continue;
            }
            live.add(subscription);
            contexts.add(RequestContext.sharing(requestId, new Caller(subscription.tenant(), subscription.user(), null,
                    null, subscription.tokenExpiresAt(), null), loaders));
        }
        loaders.dispatchAll(); // every subscriber's membership record, in one consistent BatchGetItem
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            SubscriptionItem subscription = live.get(i);
            RequestContext context = contexts.get(i);
            ApiException notMember = membershipFailure(context);
            if (notMember != null) {
                if (closed.add(subscription.connectionId())) {
                    policy.close(change.tenant(), subscription.connectionId(),
                            Close.forbidden(notMember.getMessage()), notMember, requestId);
                }
                continue;
            }
            if (closed.contains(subscription.connectionId())) {
                continue;
            }
            sent.add(operations.execute(context, subscription.query(), subscription.operationName(),
                            variables(subscription), change.event())
                    .thenApplyAsync(payload -> post(subscription, payload), posts));
        }
        int delivered = 0;
        int gone = 0;
        for (CompletableFuture<Boolean> one : sent) {
            if (one.join()) {
                delivered++;
            } else {
                gone++;
            }
        }
        Delivery delivery = new Delivery(subscriptions.size(), delivered, closed.size(), gone);
        LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("tenantId", change.tenant().value())
                .addKeyValue("operation", "fanOut").addKeyValue("topic", change.event().topic())
                .addKeyValue("kind", change.event().kind().name())
                .addKeyValue("subscribers", delivery.subscribers()).addKeyValue("delivered", delivery.delivered())
                .addKeyValue("closed", delivery.closed()).addKeyValue("gone", delivery.gone())
                .log("change delivered");
        return delivery;
    }

    /** True when posted; false when the connection was gone (its items are removed). */
    private boolean post(SubscriptionItem subscription, Map<String, Object> payload) {
        if (channel.post(subscription.connectionId(), Messages.next(subscription.subscriptionId(), payload))) {
            return true;
        }
        store.removeConnection(subscription.tenant(), subscription.connectionId());
        return false;
    }

    private static ApiException membershipFailure(RequestContext context) {
        try {
            context.membership().join();
            return null;
        } catch (CompletionException e) {
            ApiException refused = ErrorMapper.toApiException(e);
            if (refused.code() != ErrorCode.FORBIDDEN) {
                throw refused; // the store failed: the record fails and is retried
            }
            return refused;
        }
    }

    private static Map<String, Object> variables(SubscriptionItem subscription) {
        if (subscription.variablesJson() == null) {
            return Map.of();
        }
        try {
            return Json.parseObject(subscription.variablesJson());
        } catch (MalformedJsonException e) {
            throw new IllegalStateException("a stored subscription's variables are not JSON", e);
        }
    }
}
