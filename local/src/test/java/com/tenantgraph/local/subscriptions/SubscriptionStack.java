package com.tenantgraph.local.subscriptions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.subscriptions.StreamFanOutHandler;
import com.tenantgraph.subscriptions.SubscriptionServices;
import com.tenantgraph.subscriptions.SubscriptionSettings;
import com.tenantgraph.subscriptions.WebSocketHandler;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The two subscription handlers and the GraphQL handler in this JVM over one moto table, with the real SDK clients:
 * DynamoDB (calls recorded), the Management API client posting to a {@link ManagementEndpoint} on loopback, and moto's
 * stream read by {@link StreamRecords}. The one stand-in is the token check: a token here is
 * {@code tenant:user}, already "verified" (the verifier itself is the authorizer's, tested there and end to end).
 */
final class SubscriptionStack implements AutoCloseable {
    /** The DynamoDB operations the handlers' client sent. */
    final List<String> dynamoDbCalls = new CopyOnWriteArrayList<>();
    final ManagementEndpoint management;
    final StreamRecords stream;
    final MovableClock clock = new MovableClock(Instant.now());
    final Table table;
    final WebSocketHandler webSocket;
    final StreamFanOutHandler fanOut;
    private final GraphQlHandler graphql;

    SubscriptionStack(Table table) throws IOException {
        this(table, QueryLimits.defaults());
    }

    SubscriptionStack(Table table, QueryLimits limits) throws IOException {
        this.table = table;
        this.management = new ManagementEndpoint();
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        DynamoDbClient client = AwsClients.dynamoDb(AwsClients.Settings.local(endpoint, "us-east-1",
                AwsClients.Timeouts.GRAPHQL).with(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        dynamoDbCalls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                }));
        Application application = new Application(new AppConfig(table.name(), true, limits), client, clock);
        this.graphql = new GraphQlHandler(application);
        SubscriptionServices services = new SubscriptionServices(application,
                AwsClients.webSocketManagement(AwsClients.Settings.local(null, "us-east-1",
                        AwsClients.Timeouts.WEBSOCKET), management.uri()),
                token -> parse(token), SubscriptionSettings.defaults(management.uri(), limits));
        this.webSocket = new WebSocketHandler(services.protocol());
        this.fanOut = new StreamFanOutHandler(services);
        this.stream = new StreamRecords(table);
    }

    /** A token of this stack's stand-in check: {@code tenant:user}, valid for an hour of the stack's clock. */
    static String token(TenantId tenant, UserId user) {
        return tenant.value() + ":" + user.value();
    }

    private Optional<Caller> parse(String token) {
        String[] parts = token.split(":");
        if (parts.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new Caller(TenantId.of(parts[0]), UserId.of(parts[1]), null, null,
                clock.instant().plus(Duration.ofHours(1)), null));
    }

    TenantId tenant(String name, UserId admin) {
        TenantId tenant = TenantId.of("t-" + name + Long.toHexString(System.nanoTime()));
        new TenantProvisioning(table).createTenantWithAdmin(TenantItem.builder().tenantId(tenant).name(name)
                .plan(Plan.TEAM).createdAt(Instant.now()).build(), user(tenant, admin, Role.ADMIN));
        return tenant;
    }

    UserId member(TenantId tenant, String name, Role role) {
        UserId id = UserId.of(name + "-" + Long.toHexString(System.nanoTime()));
        new TenantProvisioning(table).addMember(user(tenant, id, role));
        return id;
    }

    private static UserItem user(TenantId tenant, UserId id, Role role) {
        return UserItem.builder().tenantId(tenant).userId(id).email(id.value() + "@subs.test").name("User " + id.value())
                .role(role).createdAt(Instant.now()).build();
    }

    /** A GraphQL request over the HTTP handler as {@code user} of {@code tenant}; the response body. */
    Map<String, Object> graphql(TenantId tenant, UserId user, String query, Map<String, Object> variables) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req-" + System.nanoTime());
        context.setAuthorizer(Map.of("tenantId", tenant.value(), "userId", user.value(),
                "exp", Long.toString(clock.instant().plusSeconds(3600).getEpochSecond())));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withBody(json(Map.of("query", query, "variables", variables)))
                .withHeaders(Map.of("content-type", "application/json")).withRequestContext(context);
        return map(graphql.handleRequest(event, null).getBody());
    }

    /** One route of the WebSocket API, as API Gateway invokes it. */
    int route(String routeKey, String connectionId, String body, Map<String, String> headers) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setConnectionId(connectionId);
        context.setRequestId("ws-" + System.nanoTime());
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        event.setHeaders(headers);
        return webSocket.handleRequest(event, null).getStatusCode();
    }

    void send(String connectionId, Object message) {
        route("$default", connectionId, message instanceof String text ? text : json(message), null);
    }

    /** $connect and a connection_init with the token of {@code user}. */
    void connect(String connectionId, TenantId tenant, UserId user) {
        route("$connect", connectionId, null, Map.of("Sec-WebSocket-Protocol", "graphql-transport-ws"));
        send(connectionId, Map.of("type", "connection_init", "payload", Map.of("authorization",
                "Bearer " + token(tenant, user))));
    }

    void subscribe(String connectionId, String id, String query, Map<String, Object> variables) {
        send(connectionId, Map.of("id", id, "type", "subscribe", "payload",
                Map.of("query", query, "variables", variables)));
    }

    /** Everything written to the stream since the last call, through the fan-out handler. */
    StreamsEventResponse deliverChanges() {
        return fanOut.handleRequest(stream.drain(), null);
    }

    /** The messages posted to a connection, parsed. */
    List<Map<String, Object>> messages(String connectionId) {
        return management.posted(connectionId).stream().map(SubscriptionStack::map).toList();
    }

    long calls(String operation) {
        return dynamoDbCalls.stream().filter(operation::equals).count();
    }

    static Map<String, Object> map(String json) {
        try {
            return JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stream.close();
        management.close();
    }

    /** A clock the test moves (token expiry and the connection_init deadline follow it). */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
