package com.tenantgraph.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.local.SdkClients;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * One cold start, in a fresh JVM started by {@link ApiBench}: {@code floor} builds a DynamoDB client and does one
 * GetItem (the floor of docs/performance.md); {@code graphql} builds the GraphQL Lambda exactly as the runtime does
 * (through {@code Application}) and answers one request. Prints "done" when the answer is in.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        URI endpoint = URI.create(args[1]);
        String table = args[2];
        String tenant = args[3];
        String user = args[4];
        if (mode.equals("floor")) {
            DynamoDbClient client = SdkClients.dynamoDb(endpoint, "us-east-1");
            boolean found = client.getItem(GetItemRequest.builder().tableName(table)
                    .key(Keys.tenant(TenantId.of(tenant)).toAttributeMap()).consistentRead(true).build()).hasItem();
            System.out.println(found ? "done" : "missing");
        } else {
            GraphQlHandler handler = new GraphQlHandler(); // the runtime's constructor: TABLE_NAME etc. from the env
            String body = handler.handleRequest(request(tenant, user), null).getBody();
            System.out.println(body.contains("\"name\"") ? "done" : "failed: " + body);
        }
        System.exit(0);
    }

    /** A tenant with {@code user} as its ADMIN, for a probe to read. */
    static void seedAdmin(Table table, TenantId tenant, UserId user) {
        Instant now = Instant.now();
        new TenantProvisioning(table).createTenantWithAdmin(
                TenantItem.builder().tenantId(tenant).name("Probe " + tenant.value()).plan(Plan.TEAM).createdAt(now)
                        .build(),
                UserItem.builder().tenantId(tenant).userId(user).email(user.value() + "@probe.test").name("Probe")
                        .role(Role.ADMIN).createdAt(now).build());
    }

    /** The environment template.yaml gives the GraphQL function, pointed at a local table (a fresh cursor key). */
    public static Map<String, String> lambdaEnvironment(String table, URI dynamoDbEndpoint) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return Map.of("TABLE_NAME", table, "AWS_REGION", "us-east-1", "DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString(),
                "CURSOR_KEYS", "probe:" + java.util.Base64.getEncoder().encodeToString(secret),
                "LOG_LEVEL", "WARN");
    }

    static APIGatewayProxyRequestEvent request(String tenant, String user) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("bench");
        context.setAuthorizer(Map.of("principalId", user, "tenantId", tenant, "userId", user,
                "exp", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond())));
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/graphql")
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"query\":\"{ tenant { name } }\"}")
                .withRequestContext(context);
    }
}
