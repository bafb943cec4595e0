package com.tenantgraph.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tenantgraph.api.GraphQlHandler;
import java.time.Instant;
import java.util.Map;

/**
 * The GraphQL function as Lambda starts it, in a fresh JVM started by {@link RequestMetricsIT}, answering three
 * requests whose log (this process's stdout, as CloudWatch Logs receives a function's) the test then reads: a query,
 * a mutation, and a query that fails validation. Arguments: tenant, user.
 */
public final class MetricsProbe {
    static final String QUERY = "query TenantName { tenant { name } }";
    static final String MUTATION = "mutation NewProject { createProject(input: {key: \"EMF\", name: \"Metrics\"}) "
            + "{ project { id } } }";
    static final String INVALID = "query Broken { noSuchField }";

    private MetricsProbe() {
    }

    public static void main(String[] args) {
        GraphQlHandler handler = new GraphQlHandler(); // the runtime's constructor: TABLE_NAME etc. from the env
        for (String query : new String[] {QUERY, MUTATION, INVALID}) {
            handler.handleRequest(request(args[0], args[1], query), null);
        }
        System.out.println("done");
        System.exit(0);
    }

    private static APIGatewayProxyRequestEvent request(String tenant, String user, String query) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("metrics-" + query.split(" ")[1]);
        context.setAuthorizer(Map.of("principalId", user, "tenantId", tenant, "userId", user,
                "exp", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond())));
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/graphql")
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"query\":\"" + query.replace("\"", "\\\"") + "\",\"operationName\":\""
                        + query.split(" ")[1] + "\"}")
                .withRequestContext(context);
    }
}
