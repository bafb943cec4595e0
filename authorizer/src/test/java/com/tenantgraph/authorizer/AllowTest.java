package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.AuthorizerFixture.API_WIDE_RESOURCE;
import static com.tenantgraph.authorizer.AuthorizerFixture.event;
import static com.tenantgraph.authorizer.AuthorizerFixture.resources;
import static com.tenantgraph.authorizer.AuthorizerFixture.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The happy paths: what a valid token gets, the verified-token cache, and the one Deny of today's policy. */
class AllowTest {

    private final AuthorizerFixture fx = new AuthorizerFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void verify_allowsWholeApi_whenIdTokenValid() {
        // GIVEN an authorizer for the pool and a valid ID token of one of its app clients
        fx.start();
        String token = fx.tokens.idToken().build();
        long exp = fx.clock.instant().getEpochSecond() + 3600;

        // WHEN API Gateway asks about it
        IamPolicyResponse response = fx.authorize(token);

        // THEN it is allowed on every method and path of this API and stage, as the user, with the primitive context
        assertThat(response.getPrincipalId()).isEqualTo(TestTokens.SUB);
        assertThat(response.getPolicyDocument()).containsEntry("Version", "2012-10-17");
        assertThat(statement(response))
                .containsEntry("Effect", "Allow")
                .containsEntry("Action", "execute-api:Invoke");
        assertThat(resources(response)).containsExactly(API_WIDE_RESOURCE);
        assertThat(response.getContext()).containsOnly(
                entry("tenantId", TestTokens.TENANT),
                entry("userId", TestTokens.SUB),
                entry("username", TestTokens.USERNAME),
                entry("email", TestTokens.EMAIL),
                entry("exp", exp),
                entry("groups", "ADMIN,MEMBER"));
        assertThat(response.getContext().values())
                .allSatisfy(value -> assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class));
        // AND one decision line says who was let in, and nothing of the token
        assertThat(fx.log.lastDecision())
                .contains("\"outcome\":\"allow\"", "\"kid\":\"" + TestKeys.POOL_KID + "\"", "\"token_use\":\"id\"",
                        "\"tenantId\":\"" + TestTokens.TENANT + "\"", "\"sub\":\"" + TestTokens.SUB + "\"",
                        "\"cached\":false");
        for (String segment : TestTokens.segments(token)) {
            assertThat(fx.log.all()).doesNotContain(segment);
        }
    }

    @Test
    void verify_givesSameApiWideResource_whateverMethodWasCalled() {
        // GIVEN a valid token first used on one route
        fx.start();
        String token = fx.tokens.idToken().build();
        APIGatewayCustomAuthorizerEvent other = event("Bearer " + token);
        other.setMethodArn("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/graphiql/index.html");

        // WHEN it is asked about from two different routes
        IamPolicyResponse first = fx.authorize(token);
        IamPolicyResponse second = fx.handler.handleRequest(other, null);

        // THEN both answers cover the whole API, so API Gateway's per-token cache is right for every route
        assertThat(resources(first)).containsExactly(API_WIDE_RESOURCE);
        assertThat(resources(second)).containsExactly(API_WIDE_RESOURCE);
    }

    @Test
    void verify_omitsContextKeys_whenOptionalClaimsAbsent() {
        // GIVEN a valid ID token without email, username or groups
        fx.start();
        String token = fx.tokens.idToken().without("email").without("cognito:username").without("cognito:groups")
                .build();

        // WHEN it is authorized
        IamPolicyResponse response = fx.authorize(token);

        // THEN the absent keys are left out (never null) and groups is an empty string
        assertThat(response.getContext()).containsOnlyKeys("tenantId", "userId", "exp", "groups");
        assertThat(response.getContext()).containsEntry("groups", "");
        assertThat(response.getContext().values()).doesNotContainNull();
    }

    @Test
    void verify_allowsAccessToken_whenAccessTokensConfigured() {
        // GIVEN an authorizer that accepts access tokens, and an access token carrying the tenant claim
        fx.with("ALLOWED_TOKEN_USES", "id,access").start();
        String token = fx.tokens.accessToken().build();

        // WHEN it is authorized
        IamPolicyResponse response = fx.authorize(token);

        // THEN it is allowed, the username coming from the access token's username claim
        assertThat(statement(response)).containsEntry("Effect", "Allow");
        assertThat(response.getContext()).containsOnly(
                entry("tenantId", TestTokens.TENANT),
                entry("userId", TestTokens.SUB),
                entry("username", TestTokens.USERNAME),
                entry("exp", fx.clock.instant().getEpochSecond() + 3600),
                entry("groups", "MEMBER"));
        assertThat(fx.log.lastDecision()).contains("\"token_use\":\"access\"");
    }

    @Test
    void verify_acceptsToken_whenMintedByNimbus() throws Exception {
        // GIVEN a token signed by an independent JOSE implementation with the pool's key
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(fx.jwks.issuer())
                .subject(TestTokens.SUB)
                .audience(TestTokens.CLIENT_ID)
                .expirationTime(new Date((now + 600) * 1000))
                .issueTime(new Date(now * 1000))
                .claim("token_use", "id")
                .claim("custom:tenantId", TestTokens.TENANT)
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.POOL_KID).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(TestKeys.POOL.getPrivate()));

        // WHEN it is authorized
        IamPolicyResponse response = fx.authorize(jwt.serialize());

        // THEN it is allowed
        assertThat(statement(response)).containsEntry("Effect", "Allow");
        assertThat(response.getContext()).containsEntry("tenantId", TestTokens.TENANT);
    }

    @Test
    void verify_servesVerifiedCache_whenSameTokenRepeated() {
        // GIVEN a valid token that was authorized once
        fx.start();
        String token = fx.tokens.idToken().build();
        IamPolicyResponse first = fx.authorize(token);

        // WHEN the same token comes again
        IamPolicyResponse second = fx.authorize(token);

        // THEN the answer is the same and came from the verified-token cache
        assertThat(fx.log.lastDecision()).contains("\"outcome\":\"allow\"", "\"cached\":true");
        assertThat(second.getPrincipalId()).isEqualTo(first.getPrincipalId());
        assertThat(second.getContext()).isEqualTo(first.getContext());
        assertThat(resources(second)).isEqualTo(resources(first));
    }

    @Test
    void verify_rejectsCachedToken_whenExpired() {
        // GIVEN a token valid for one more minute, already verified and cached
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        String token = fx.tokens.idToken().claim("exp", now + 60).build();
        fx.authorize(token);
        fx.authorize(token);
        assertThat(fx.log.lastDecision()).contains("\"cached\":true");

        // WHEN it comes again after its expiry and the clock skew
        fx.clock.advance(Duration.ofSeconds(60 + 30));

        // THEN it is refused
        fx.assertUnauthorized(token, RejectReason.EXPIRED);
    }

    @Test
    void verify_neverServesCacheEntry_afterExpEvenWithinSkew() {
        // GIVEN a cached token
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        String token = fx.tokens.idToken().claim("exp", now + 60).build();
        fx.authorize(token);

        // WHEN it comes again just after exp, inside the 30 s skew
        fx.clock.advance(Duration.ofSeconds(61));
        IamPolicyResponse response = fx.authorize(token);

        // THEN it is verified again in full (the skew applies to verification, never to the cache)
        assertThat(statement(response)).containsEntry("Effect", "Allow");
        assertThat(fx.log.lastDecision()).contains("\"cached\":false");
    }

    @Test
    void verify_deniesValidToken_whenMethodArnCannotBeScoped() {
        // GIVEN a valid token, on an event whose methodArn names no single API and stage
        fx.start();
        String token = fx.tokens.idToken().build();
        APIGatewayCustomAuthorizerEvent event = event("Bearer " + token);
        event.setMethodArn("arn:aws:execute-api:us-east-1:123456789012:*/prod/POST/graphql");

        // WHEN it is authorized
        IamPolicyResponse response = fx.handler.handleRequest(event, null);

        // THEN the answer is a Deny (403), never a widened Allow, and the log says why
        assertThat(response.getPrincipalId()).isEqualTo(TestTokens.SUB);
        assertThat(statement(response)).containsEntry("Effect", "Deny");
        assertThat(response.getContext()).isEmpty();
        assertThat(fx.log.lastDecision())
                .contains("\"outcome\":\"deny\"", "\"reason\":\"" + DenyReason.UNSCOPABLE_METHOD_ARN.code() + "\"");
    }

    @Test
    void verify_writesEmptyConditionNotNull_inPolicy() {
        // GIVEN a valid token
        fx.start();

        // WHEN it is authorized
        IamPolicyResponse response = fx.authorize(fx.tokens.idToken().build());

        // THEN the statement's Condition is an empty object (IamPolicyResponse copies a null one as null)
        assertThat(statement(response).get("Condition")).isEqualTo(Map.of());
    }
}
