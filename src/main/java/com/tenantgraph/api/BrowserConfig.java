package com.tenantgraph.api;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What browsers are told: the one origin allowed to call the API (CORS), and what the GraphiQL page needs to sign in
 * (where Cognito is, which app client). Read once at init from the GraphQL function's environment (template.yaml sets
 * it from its parameters {@code CorsAllowOrigin} and {@code GraphiQlSignIn}; the local stack passes the same values).
 *
 * @param allowedOrigin    {@code Access-Control-Allow-Origin} of every answer ({@code CORS_ALLOW_ORIGIN}, default
 *                         {@code *}); the preflight and API Gateway's own refusals carry the same value
 * @param region           the pool's region ({@code AWS_REGION})
 * @param cognitoEndpoint  {@code COGNITO_ENDPOINT} when set (the local stack's cognito-local), else Cognito's regional
 *                         endpoint
 * @param explorerClientId the explorer app client ({@code EXPLORER_CLIENT_ID}), or {@code null}: GraphiQL has no
 *                         sign-in panel and takes pasted tokens only ({@code GraphiQlSignIn=Disabled})
 * @param graphqlWsUrl     a {@code wss://} URL for subscriptions ({@code GRAPHQL_WS_URL}), or {@code null}
 */
public record BrowserConfig(String allowedOrigin, String region, URI cognitoEndpoint, String explorerClientId,
                            String graphqlWsUrl) {
    private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    public BrowserConfig {
        if (!ORIGIN.matcher(allowedOrigin).matches()) {
            throw new IllegalArgumentException("CORS_ALLOW_ORIGIN must be * or one origin (scheme://host[:port]), got "
                    + allowedOrigin);
        }
    }

    /** Any origin, no sign-in panel, no subscriptions: the page works with pasted tokens only (unit tests). */
    public static BrowserConfig pastedTokensOnly() {
        return new BrowserConfig("*", "us-east-1", null, null, null);
    }

    public static BrowserConfig fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("AWS_REGION", "us-east-1");
        String endpoint = blankToNull(env.get("COGNITO_ENDPOINT"));
        String origin = blankToNull(env.get("CORS_ALLOW_ORIGIN"));
        return new BrowserConfig(origin == null ? "*" : origin, region,
                URI.create(endpoint != null ? endpoint : "https://cognito-idp." + region + ".amazonaws.com"),
                blankToNull(env.get("EXPLORER_CLIENT_ID")), blankToNull(env.get("GRAPHQL_WS_URL")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
