package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalApiGatewayCacheTest {
    private static final String TOKEN = "Bearer token-a.e30.c2ln";
    private static final String OTHER_TOKEN = "Bearer token-b.e30.c2ln";

    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** template.yaml's AuthorizerResultTtlInSeconds, which the local gateway reads as API Gateway does. */
    private static Map<String, String> ttl(Duration ttl) {
        return Map.of("AuthorizerResultTtlInSeconds", Long.toString(ttl.toSeconds()));
    }

    @Test
    void authorizer_isCalledOnce_forTwoRequestsWithSameToken() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> first = fixture.post(TOKEN);
        HttpResponse<String> second = fixture.post(TOKEN);

        // THEN
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(fixture.authorizer.calls()).isEqualTo(1);
        assertThat(fixture.graphql.calls()).isEqualTo(2);
    }

    @Test
    void authorizer_isCalledAgain_forDifferentToken() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN
        fixture.post(OTHER_TOKEN);

        // THEN
        assertThat(fixture.authorizer.calls()).isEqualTo(2);
        assertThat(fixture.authorizer.events()).extracting("authorizationToken").containsExactly(TOKEN, OTHER_TOKEN);
    }

    @Test
    void authorizer_isCalledAgain_afterTtl() throws Exception {
        // GIVEN the shortest TTL, and a first request that fills the cache
        fixture = GatewayFixture.start(ttl(Duration.ofSeconds(1)), FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN the cache's clock passes the TTL
        fixture.advanceClock(Duration.ofSeconds(1));
        fixture.post(TOKEN);

        // THEN
        assertThat(fixture.authorizer.calls()).isEqualTo(2);
    }

    @Test
    void authorizer_isNotCalledAgain_justBeforeTtl() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(ttl(Duration.ofSeconds(300)), FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN
        fixture.advanceClock(Duration.ofSeconds(300).minusNanos(1));
        fixture.post(TOKEN);

        // THEN
        assertThat(fixture.authorizer.calls()).isEqualTo(1);
    }

    @Test
    void authorizer_isCalledForEveryRequest_whenTtlIsZero() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(ttl(Duration.ZERO), FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        fixture.post(TOKEN);
        fixture.post(TOKEN);
        fixture.post(TOKEN);

        // THEN
        assertThat(fixture.authorizer.calls()).isEqualTo(3);
    }

    @Test
    void cachedAllow_servesEveryMethod_whenPolicyCoversWholeApi() throws Exception {
        // GIVEN a policy for every method of the stage, cached by a POST
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN
        HttpResponse<String> get = fixture.get("/graphql?query=%7Bme%7Bid%7D%7D", TOKEN);

        // THEN
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(fixture.authorizer.calls()).isEqualTo(1);
    }

    @Test
    void cachedPolicy_isEvaluatedAgainstEachRequestsMethodArn() throws Exception {
        // GIVEN an authorizer that allows only the method it was called for (a policy unfit for caching)
        fixture = GatewayFixture.start(FakeAuthorizer.answering(event -> FakeAuthorizer.policy("user-1",
                IamPolicyResponse.allowStatement(event.getMethodArn()), Map.of())), FakeGraphql.ok());
        HttpResponse<String> post = fixture.post(TOKEN);

        // WHEN the same token calls another method within the TTL
        HttpResponse<String> get = fixture.get("/graphql?query=%7Bme%7Bid%7D%7D", TOKEN);

        // THEN API Gateway evaluates the cached POST policy for GET, and refuses
        assertThat(post.statusCode()).isEqualTo(200);
        assertGatewayResponse(get, Refusal.ACCESS_DENIED);
        assertThat(fixture.authorizer.calls()).isEqualTo(1);
    }

    @Test
    void cachedDeny_isServedWithoutCallingAuthorizer() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.answering(event -> FakeAuthorizer.policy("user-1",
                IamPolicyResponse.denyStatement(FakeAuthorizer.ALL_METHODS), Map.of())), FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN
        HttpResponse<String> second = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(second, Refusal.ACCESS_DENIED);
        assertThat(fixture.authorizer.calls()).isEqualTo(1);
    }

    @Test
    void unauthorized_isNotCached() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.throwing(new RuntimeException("Unauthorized")),
                FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN
        HttpResponse<String> second = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(second, Refusal.UNAUTHORIZED);
        assertThat(fixture.authorizer.calls()).isEqualTo(2);
    }

    @Test
    void configurationError_isNotCached() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.throwing(new IllegalStateException("JWKS unavailable")),
                FakeGraphql.ok());
        fixture.post(TOKEN);

        // WHEN
        fixture.post(TOKEN);

        // THEN
        assertThat(fixture.authorizer.calls()).isEqualTo(2);
    }
}
