package com.tenantgraph.local.workspace;

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
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real GraphQL handler in this JVM, over a DynamoDB client of its own with SDK interceptors (a call recorder, and
 * whatever a test injects), against a fresh table on moto: what the Application is given is what is counted. The
 * caller comes in as API Gateway's authorizer context would carry it.
 */
final class MotoBackedApi {
    /** Records every DynamoDB operation the handler's client sends. */
    static final class CallRecorder implements ExecutionInterceptor {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }

        long count(String operation) {
            return calls.stream().filter(operation::equals).count();
        }
    }

    final CallRecorder recorder = new CallRecorder();
    final Table table;
    final TenantId tenant;
    final UserId admin;
    private final GraphQlHandler handler;

    /** A clock a test can move forward (record expiry, token expiry follow it). */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock;

    MotoBackedApi(Table table, ExecutionInterceptor... injected) {
        this(table, new MovableClock(Instant.now()), injected);
    }

    MotoBackedApi(Table table, MovableClock clock, ExecutionInterceptor... injected) {
        this.table = table;
        this.clock = clock;
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        AwsClients.Settings settings = AwsClients.Settings.local(endpoint, "us-east-1", AwsClients.Timeouts.GRAPHQL)
                .with(recorder);
        for (ExecutionInterceptor interceptor : injected) {
            settings = settings.with(interceptor);
        }
        DynamoDbClient client = AwsClients.dynamoDb(settings);
        this.handler = new GraphQlHandler(new Application(new AppConfig(table.name(), true,
                QueryLimits.defaults()), client, clock));
        this.tenant = TenantId.of("t-" + Long.toHexString(System.nanoTime()));
        this.admin = UserId.of("admin-" + Long.toHexString(System.nanoTime()));
        TenantProvisioning provisioning = new TenantProvisioning(table);
        provisioning.createTenantWithAdmin(TenantItem.builder().tenantId(tenant).name("Counting Co").plan(Plan.TEAM)
                .createdAt(Instant.now()).build(), user(admin, Role.ADMIN));
    }

    UserId addMember(String name, Role role) {
        UserId id = UserId.of(name + "-" + Long.toHexString(System.nanoTime()));
        new TenantProvisioning(table).addMember(user(id, role));
        return id;
    }

    private UserItem user(UserId id, Role role) {
        return UserItem.builder().tenantId(tenant).userId(id).email(id.value() + "@count.test").name("User " + id)
                .role(role).createdAt(Instant.now()).build();
    }

    /** Runs a GraphQL request as {@code caller}; returns the response body. */
    Map<String, Object> graphql(UserId caller, String query, Map<String, Object> variables) {
        String body = json(Map.of("query", query, "variables", variables));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req");
        context.setAuthorizer(Map.of("tenantId", tenant.value(), "userId", caller.value(),
                "exp", Long.toString(clock.instant().plusSeconds(600).getEpochSecond())));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(body)
                .withHeaders(Map.of("content-type", "application/json")).withRequestContext(context);
        try {
            return JSON.std.mapFrom(handler.handleRequest(event, null).getBody());
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
}
