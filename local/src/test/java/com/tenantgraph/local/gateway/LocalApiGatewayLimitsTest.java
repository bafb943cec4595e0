package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.tenantgraph.local.lambda.LocalFunction;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalApiGatewayLimitsTest {
    private static final String TOKEN = "Bearer token-a.e30.c2ln";
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    /** Holds a slow handler until the test is over, so that no handler thread outlives its test. */
    private final CountDownLatch release = new CountDownLatch(1);
    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        release.countDown();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void gateway_returns413_withoutCallingAuthorizer_whenBodyOver10MB() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphql").header("Authorization", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(LocalApiGateway.MAX_REQUEST_BYTES + 1))));

        // THEN
        assertGatewayResponse(response, Refusal.REQUEST_TOO_LARGE);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void gateway_passesBodyOfExactly10MB() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphql").header("Authorization", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(LocalApiGateway.MAX_REQUEST_BYTES))));

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Base64.getDecoder().decode(fixture.graphql.lastEvent().getBody()))
                .hasSize(LocalApiGateway.MAX_REQUEST_BYTES);
    }

    @Test
    void gateway_returns504_whenFunctionSlowerThanIntegrationTimeout() throws Exception {
        // GIVEN a function that answers only when the test is over
        fixture = GatewayFixture.start(timeout(SHORT_TIMEOUT), FakeAuthorizer.allowingAll(),
                FakeGraphql.answering(event -> {
                    awaitRelease();
                    return new APIGatewayProxyResponseEvent().withStatusCode(200);
                }));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_TIMEOUT);
    }

    @Test
    void gateway_returns500AuthorizerFailure_whenAuthorizerSlowerThanTimeout() throws Exception {
        // GIVEN an authorizer that answers only when the test is over
        fixture = GatewayFixture.start(timeout(SHORT_TIMEOUT), FakeAuthorizer.answering(event -> {
            awaitRelease();
            return FakeAuthorizer.policy("user-1", IamPolicyResponse.allowStatement(FakeAuthorizer.ALL_METHODS),
                    Map.of());
        }), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.AUTHORIZER_FAILURE);
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void gateway_returns502_whenFunctionAnswerOver6MB() throws Exception {
        // GIVEN a body that alone is over Lambda's response limit
        String body = "x".repeat(LocalFunction.MAX_RESPONSE_BYTES);
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event ->
                new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(body)));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_FAILURE);
    }

    @Test
    void gateway_passesFunctionAnswerJustUnder6MB() throws Exception {
        // GIVEN a body that, with the rest of the answer's JSON, stays under the limit
        String body = "x".repeat(LocalFunction.MAX_RESPONSE_BYTES - 1_000);
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event ->
                new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(body)));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(body.length());
    }

    private static LocalApiGateway.Config timeout(Duration integrationTimeout) {
        return new LocalApiGateway.Config(0, integrationTimeout);
    }

    private void awaitRelease() {
        try {
            release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] body(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        return body;
    }
}
