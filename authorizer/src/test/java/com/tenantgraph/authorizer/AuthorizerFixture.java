package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One authorizer under test with everything around it real: a JWKS served over loopback HTTP, a captured log and a
 * clock moved by hand. Each test builds its own, so tests share nothing.
 */
final class AuthorizerFixture implements AutoCloseable {

    static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/graphql";
    static final String API_WIDE_RESOURCE = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*";

    final JwksServer jwks = new JwksServer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final CapturedLog log = new CapturedLog();
    final TestTokens tokens = new TestTokens(jwks.issuer(), clock);
    final Map<String, String> env = new HashMap<>();
    TokenAuthorizerHandler handler;

    /**
     * The {@code SIGNATURE_PROVIDER} every fixture of this test run sets, from the system property
     * {@value #PROVIDER_PROPERTY}: unset in the default run (the production default, ACCP), {@code jdk} in the pom's
     * second run of the whole suite, so every test holds with either provider verifying.
     */
    static final String PROVIDER_PROPERTY = "authorizer.test.signatureProvider";

    AuthorizerFixture() {
        jwks.serve(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID)));
        env.put("USER_POOL_ISSUER", jwks.issuer());
        env.put("ALLOWED_CLIENT_IDS", TestTokens.CLIENT_ID);
        String provider = System.getProperty(PROVIDER_PROPERTY);
        if (provider != null) {
            env.put("SIGNATURE_PROVIDER", provider);
        }
    }

    /** Starts the authorizer with {@link #env} as its environment (init preloads the JWKS). */
    AuthorizerFixture start() {
        handler = new TokenAuthorizerHandler(AuthorizerConfig.fromEnvironment(env), log, clock);
        return this;
    }

    AuthorizerFixture with(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    static APIGatewayCustomAuthorizerEvent event(String authorization) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("TOKEN");
        event.setMethodArn(METHOD_ARN);
        event.setAuthorizationToken(authorization);
        return event;
    }

    IamPolicyResponse authorize(String token) {
        return handler.handleRequest(event("Bearer " + token), null);
    }

    /** Asserts a 401 for {@code token} sent as {@code Bearer <token>}, for {@code reason}, with nothing of it logged. */
    void assertUnauthorized(String token, RejectReason reason) {
        assertUnauthorizedHeader("Bearer " + token, reason, token);
    }

    /** Asserts a 401 for this exact Authorization header value. */
    void assertUnauthorizedHeader(String authorization, RejectReason reason, String token) {
        int mark = log.lines().size();
        assertThatThrownBy(() -> handler.handleRequest(event(authorization), null))
                .isExactlyInstanceOf(RuntimeException.class)
                .hasMessage("Unauthorized")
                .hasNoCause();
        assertThat(log.lastDecision())
                .contains("\"outcome\":\"unauthorized\"")
                .contains("\"reason\":\"" + reason.code() + "\"");
        assertNothingOfTokenLogged(token, mark);
    }

    /**
     * Neither the token nor any of its segments appears anywhere in the log, and the identity it carries (sub,
     * tenant, email) appears in none of the lines written since {@code mark} (an earlier Allow may name them).
     */
    void assertNothingOfTokenLogged(String token, int mark) {
        String logged = log.all();
        if (token != null && !token.isEmpty()) {
            assertThat(logged).doesNotContain(token);
            for (String segment : TestTokens.segments(token)) {
                if (segment.length() >= 8) {
                    assertThat(logged).doesNotContain(segment);
                }
            }
        }
        String since = String.join("\n", log.lines().subList(mark, log.lines().size()));
        assertThat(since).doesNotContain(TestTokens.SUB).doesNotContain(TestTokens.TENANT)
                .doesNotContain(TestTokens.EMAIL);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> statement(IamPolicyResponse response) {
        Object[] statements = (Object[]) response.getPolicyDocument().get("Statement");
        assertThat(statements).hasSize(1);
        return (Map<String, Object>) statements[0];
    }

    static List<String> resources(IamPolicyResponse response) {
        return List.of((String[]) statement(response).get("Resource"));
    }

    @Override
    public void close() {
        jwks.close();
    }
}
