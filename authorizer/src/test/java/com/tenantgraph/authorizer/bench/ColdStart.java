package com.tenantgraph.authorizer.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.TokenAuthorizerHandler;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link AuthorizerBench}: builds the handler as the Lambda runtime would (configuration, JWKS
 * preload) and answers one token, then prints how long each step took, and how long of the init choosing the signature
 * provider took (loading ACCP's native library), as its init log line says. Loads production classes only.
 * Arguments: {@code ISSUER TOKEN}, or {@code --noop} to measure a bare JVM start for comparison.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        if (args[0].equals("--noop")) {
            System.out.println("ready");
            return;
        }
        String[] providerLine = {""};
        long t0 = System.nanoTime();
        TokenAuthorizerHandler handler = new TokenAuthorizerHandler(AuthorizerConfig.fromEnvironment(Map.of(
                "USER_POOL_ISSUER", args[0], "ALLOWED_CLIENT_IDS", "app-client-1")), line -> {
                    if (line.startsWith("{\"event\":\"signature_provider\"")) {
                        providerLine[0] = line;
                    }
                }, java.time.Clock.systemUTC());
        long t1 = System.nanoTime();
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setMethodArn("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/graphql");
        event.setAuthorizationToken("Bearer " + args[1]);
        String principal = handler.handleRequest(event, null).getPrincipalId();
        long t2 = System.nanoTime();
        System.out.printf("ready init_ms=%.1f first_request_ms=%.1f principal=%s provider_ms=%s%n", (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, principal.isEmpty() ? "?" : "ok",
                providerLine[0].replaceAll(".*\"ms\":([0-9]+).*", "$1")); // empty for a build without the line
    }
}
