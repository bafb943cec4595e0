package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.cognito.UnconfiguredUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mockito.invocation.Invocation;
import org.mockito.Mockito;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The GraphQL Lambda wired exactly as in production ({@link Application} + {@link GraphQlHandler}) over a Mockito
 * {@link DynamoDbClient} that answers GetItem and BatchGetItem from an in-memory map of items, and a fixed clock.
 * Tests state what is in the table, send API Gateway proxy events, and read the reply as parsed JSON.
 */
final class MockedTableApi {
    static final String TABLE = "t";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String TENANT = "t1";
    static final String USER = "u-1";

    final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    final Map<TableKey, Map<String, AttributeValue>> items = new HashMap<>();
    final Application application;
    final GraphQlHandler handler;

    MockedTableApi() {
        this(true, QueryLimits.defaults());
    }

    MockedTableApi(boolean introspectionEnabled, QueryLimits limits) {
        this(introspectionEnabled, limits, new UnconfiguredUserDirectory());
    }

    /** With the user directory the administration mutations use. */
    MockedTableApi(UserDirectory userDirectory) {
        this(true, QueryLimits.defaults(), userDirectory);
    }

    private MockedTableApi(boolean introspectionEnabled, QueryLimits limits, UserDirectory userDirectory) {
        application = new Application(new AppConfig(TABLE, introspectionEnabled, limits),
                dynamoDb, userDirectory, Clock.fixed(NOW, ZoneOffset.UTC));
        handler = new GraphQlHandler(application);
        when(dynamoDb.getItem(any(GetItemRequest.class))).thenAnswer(call -> getItem(call.getArgument(0)));
        when(dynamoDb.batchGetItem(any(BatchGetItemRequest.class))).thenAnswer(call -> batchGet(call.getArgument(0)));
    }

    // ---- what is in the table

    MockedTableApi withMember(String tenant, String user, Role role, UserStatus status) {
        UserItem member = UserItem.builder().tenantId(TenantId.of(tenant)).userId(UserId.of(user))
                .email(user + "@example.com").name("User " + user).role(role).status(status)
                .createdAt(NOW.minusSeconds(86_400)).build();
        items.put(member.key(), UserItem.MODEL.toItem(member));
        return this;
    }

    MockedTableApi withTenant(String tenant, String name, Plan plan) {
        TenantItem item = TenantItem.builder().tenantId(TenantId.of(tenant)).name(name).plan(plan)
                .status(TenantStatus.ACTIVE).adminCount(1).createdAt(NOW.minusSeconds(86_400)).build();
        items.put(item.key(), TenantItem.MODEL.toItem(item));
        return this;
    }

    /** Sets the status of a tenant item already in the table (what an operator's suspend or resume writes). */
    MockedTableApi withTenantStatus(String tenant, TenantStatus status) {
        TableKey key = Keys.tenant(TenantId.of(tenant));
        Map<String, AttributeValue> item = new HashMap<>(items.get(key));
        item.put("status", AttributeValue.fromS(status.name()));
        items.put(key, item);
        return this;
    }

    /** The tenant item of t1 with a plan the code does not know, so mapping it fails. */
    MockedTableApi withCorruptTenantItem() {
        TableKey key = Keys.tenant(TenantId.of(TENANT));
        Map<String, AttributeValue> item = new HashMap<>(items.get(key));
        item.put("plan", AttributeValue.fromS("BOGUS"));
        items.put(key, item);
        return this;
    }

    /** The usual world: tenant t1 ("Acme", TEAM) with u-1 an ACTIVE ADMIN. */
    MockedTableApi withActiveAdmin() {
        return withTenant(TENANT, "Acme", Plan.TEAM).withMember(TENANT, USER, Role.ADMIN, UserStatus.ACTIVE);
    }

    private GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> item = items.get(TableKey.of(request.key()));
        return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
    }

    private BatchGetItemResponse batchGet(BatchGetItemRequest request) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        request.requestItems().get(TABLE).keys().stream().map(key -> items.get(TableKey.of(key)))
                .filter(Objects::nonNull).forEach(found::add);
        return BatchGetItemResponse.builder().responses(Map.of(TABLE, found)).build();
    }

    // ---- what the mock received

    List<Invocation> calls(String method) {
        return Mockito.mockingDetails(dynamoDb).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals(method)).toList();
    }

    /** Every primary key in every request the table received; fails on a request type it does not know. */
    List<TableKey> keysReceived() {
        List<TableKey> keys = new ArrayList<>();
        for (Invocation invocation : Mockito.mockingDetails(dynamoDb).getInvocations()) {
            Object request = invocation.getArgument(0);
            if (request instanceof GetItemRequest get) {
                keys.add(TableKey.of(get.key()));
            } else if (request instanceof BatchGetItemRequest batch) {
                for (KeysAndAttributes perTable : batch.requestItems().values()) {
                    perTable.keys().forEach(key -> keys.add(TableKey.of(key)));
                }
            } else {
                throw new AssertionError("unexpected DynamoDB call " + invocation);
            }
        }
        return keys;
    }

    // ---- requests

    static Map<String, Object> authorizer(String tenant, String user, Instant exp) {
        Map<String, Object> context = new HashMap<>();
        context.put("principalId", user);
        context.put("tenantId", tenant);
        context.put("userId", user);
        context.put("username", user);
        context.put("email", user + "@example.com");
        context.put("groups", "ADMIN");
        context.put("exp", String.valueOf(exp.getEpochSecond()));
        return context;
    }

    static Map<String, Object> validAuthorizer() {
        return authorizer(TENANT, USER, NOW.plusSeconds(3_600));
    }

    static APIGatewayProxyRequestEvent event(String method, Map<String, String> headers, String body,
                                             Map<String, Object> authorizer) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("req-123");
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath("/graphql")
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context);
    }

    static APIGatewayProxyRequestEvent post(String body) {
        return event("POST", Map.of("Content-Type", "application/json"), body, validAuthorizer());
    }

    static APIGatewayProxyRequestEvent postQuery(String query) {
        return post(json(Map.of("query", query)));
    }

    static APIGatewayProxyRequestEvent get(Map<String, String> parameters) {
        return event("GET", Map.of(), null, validAuthorizer()).withQueryStringParameters(parameters);
    }

    Reply send(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        return new Reply(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    Reply query(String query) {
        return send(postQuery(query));
    }

    static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP reply with its body parsed. */
    record Reply(int status, Map<String, String> headers, String rawBody) {
        Map<String, Object> body() {
            try {
                return JSON.std.mapFrom(rawBody);
            } catch (IOException e) {
                throw new AssertionError("the body is not a JSON object: " + rawBody, e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            Object errors = body().get("errors");
            return errors == null ? List.of() : (List<Map<String, Object>>) errors;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> firstError() {
            assertThat(errors()).as("errors of %s", rawBody).isNotEmpty();
            return errors().get(0);
        }

        @SuppressWarnings("unchecked")
        String firstErrorCode() {
            return (String) ((Map<String, Object>) firstError().get("extensions")).get("code");
        }

        String firstErrorMessage() {
            return (String) firstError().get("message");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) body().get("data");
        }

        String contentType() {
            return headers.get("Content-Type");
        }
    }
}
