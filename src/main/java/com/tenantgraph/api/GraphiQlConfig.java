package com.tenantgraph.api;

import java.net.URI;
import java.util.Map;

/**
 * What the GraphiQL page is told when it is served: where Cognito is and which app client its sign-in panel uses.
 * Read once at init from the GraphQL function's environment (template.yaml sets it; the local stack passes the same
 * values). {@code explorerClientId} empty means sign-in is off ({@code GraphiQlSignIn=Disabled}): the page then takes
 * pasted tokens only.
 *
 * @param region           the pool's region ({@code AWS_REGION})
 * @param cognitoEndpoint  {@code COGNITO_ENDPOINT} when set (the local stack's cognito-local), else Cognito's regional
 *                         endpoint
 * @param explorerClientId the explorer app client ({@code EXPLORER_CLIENT_ID}), or {@code null}: no sign-in panel
 * @param graphqlWsUrl     a {@code wss://} URL for subscriptions ({@code GRAPHQL_WS_URL}), or {@code null}
 */
public record GraphiQlConfig(String region, URI cognitoEndpoint, String explorerClientId, String graphqlWsUrl) {

    /** Sign-in off, no subscriptions: the page works with pasted tokens only. */
    public static GraphiQlConfig pastedTokensOnly() {
        return new GraphiQlConfig("us-east-1", null, null, null);
    }

    public static GraphiQlConfig fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        String endpoint = blankToNull(env.get("COGNITO_ENDPOINT"));
        return new GraphiQlConfig(region,
                URI.create(endpoint != null ? endpoint : "https://cognito-idp." + region + ".amazonaws.com"),
                blankToNull(env.get("EXPLORER_CLIENT_ID")), blankToNull(env.get("GRAPHQL_WS_URL")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
