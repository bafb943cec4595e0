package com.tenantgraph.pipeline;

import com.tenantgraph.data.ItemReader;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.tenancy.Caller;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.dataloader.DataLoaderRegistry;

/**
 * GraphQL subscriptions in the two steps of the GraphQL specification, each a stateless execution through the same
 * schema, resolvers, limits and error mapping as a query over HTTP:
 * <ol>
 *   <li>{@link #subscribe}: "create the source event stream". The document is parsed and validated (with the alias,
 *       depth and complexity limits); the root field checks that the caller may read what it watches (an id of
 *       another tenant is NOT_FOUND, exactly as a read) and records the topic; the membership check runs as for every
 *       request. Nothing is streamed: the WebSocket function stores the subscription and the topic.</li>
 *   <li>{@link #execute}: "map a source event to a response". For each change the fan-out executes the stored document
 *       with the subscriber as the caller and the change as the root field's value, with graphql-java's ordinary
 *       (query) execution strategy, so the payload is the subscriber's own selection resolved by the same resolvers.</li>
 * </ol>
 */
public final class SubscriptionOperations {
    private final GraphQL subscribing;
    private final GraphQL events;
    private final QueryLimits limits;
    private final ItemReader reader;
    private final Clock clock;
    private final Map<Object, Object> executionSettings;

    /** {@code subscribing} and {@code events} come from {@link Execution#graphQl} and {@link Execution#subscriptionEvents}. */
    public SubscriptionOperations(GraphQL subscribing, GraphQL events, QueryLimits limits, ItemReader reader,
                                  Clock clock) {
        this.subscribing = subscribing;
        this.events = events;
        this.limits = limits;
        this.reader = reader;
        this.clock = clock;
        // a subscription root has no meta fields worth exploring over a socket: introspection is HTTP's
        this.executionSettings = Execution.settings(limits, false);
    }

    /** What a {@code subscribe} message came to. */
    public sealed interface Opened {
        /** Valid and permitted: the topic to store the subscription under. */
        record Accepted(String topic) implements Opened {
        }

        /** Refused with GraphQL errors (as the protocol's {@code error} message carries them); the socket stays. */
        record Refused(List<Map<String, Object>> errors) implements Opened {
        }

        /** The caller is no longer an active member: the connection must be closed. */
        record NotMember(ApiException reason) implements Opened {
        }
    }

    /** Step 1: validates and authorises a subscription document for {@code caller}. */
    public Opened subscribe(String requestId, Caller caller, String query, String operationName,
                            Map<String, Object> variables) {
        if (query.length() > limits.maxQueryChars()) {
            return refused(requestId, ApiException.badInput("query",
                    "The query exceeds " + limits.maxQueryChars() + " characters"));
        }
        String type = Operations.type(subscribing, query, operationName);
        if (type.equals("query") || type.equals("mutation")) {
            return refused(requestId, ApiException.badInput("query", "Only subscriptions are served over the "
                    + "WebSocket; send queries and mutations over HTTP"));
        }
        RequestContext context = RequestContext.create(requestId, caller, reader);
        SubscriptionTopic topic = new SubscriptionTopic();
        Map<Object, Object> graphQlContext = new HashMap<>(executionSettings);
        graphQlContext.put(RequestContext.class, context);
        graphQlContext.put(RequestDeadline.class, RequestDeadline.startingNow(clock));
        graphQlContext.put(SubscriptionTopic.class, topic);
        ExecutionResult result = subscribing.executeAsync(input(query, operationName, variables, graphQlContext,
                context.loaders())).join();
        context.loaders().dispatchAll(); // a document that did not validate still checks membership
        try {
            context.membership().join();
        } catch (CompletionException e) {
            return new Opened.NotMember(ErrorMapper.toApiException(e));
        }
        if (!result.getErrors().isEmpty()) {
            return new Opened.Refused(specification(result.getErrors(), requestId));
        }
        if (topic.get() == null) {
            return refused(requestId, new ApiException(ErrorCode.INTERNAL, "The subscription has no topic"));
        }
        return new Opened.Accepted(topic.get());
    }

    /** The loaders one change event's executions share (all of one tenant, see {@link RequestContext#sharing}). */
    public DataLoaderRegistry eventLoaders() {
        return RequestContext.newLoaders(reader);
    }

    /**
     * Step 2: the stored document executed for one change as {@code context}'s caller; completes with the protocol's
     * {@code next} payload ({@code data} and, if any, {@code errors}).
     */
    public CompletableFuture<Map<String, Object>> execute(RequestContext context, String query, String operationName,
                                                          Map<String, Object> variables, SubscriptionEvent event) {
        Map<Object, Object> graphQlContext = new HashMap<>(executionSettings);
        graphQlContext.put(RequestContext.class, context);
        graphQlContext.put(RequestDeadline.class, RequestDeadline.startingNow(clock));
        graphQlContext.put(SubscriptionEvent.class, event);
        return events.executeAsync(input(query, operationName, variables, graphQlContext, context.loaders()))
                .thenApply(result -> {
                    Map<String, Object> payload = new LinkedHashMap<>();
                    if (!result.getErrors().isEmpty()) {
                        payload.put("errors", specification(result.getErrors(), context.requestId()));
                    }
                    payload.put("data", result.getData());
                    return payload;
                });
    }

    private static ExecutionInput input(String query, String operationName, Map<String, Object> variables,
                                        Map<Object, Object> graphQlContext, DataLoaderRegistry loaders) {
        return ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(graphQlContext)
                .dataLoaderRegistry(loaders)
                .build();
    }

    private static List<Map<String, Object>> specification(List<GraphQLError> errors, String requestId) {
        return ErrorMapper.withCodes(errors).stream()
                .map(error -> ErrorMapper.withRequestId(error, requestId).toSpecification()).toList();
    }

    private static Opened refused(String requestId, ApiException error) {
        return new Opened.Refused(List.of(ErrorMapper.withRequestId(ErrorMapper.toGraphQlError(error, null, null),
                requestId).toSpecification()));
    }
}
