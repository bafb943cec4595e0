package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.AuthorizerFixture.statement;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claims of a validly signed token: issuer, token_use, one audience rule, times, sub and the tenant. Every token
 * here carries a good signature by the pool key, so the claim is the only thing wrong.
 */
class ClaimsTest {

    private final AuthorizerFixture fx = new AuthorizerFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    private long now() {
        return fx.clock.instant().getEpochSecond();
    }

    // --- iss ---

    @Test
    void verify_rejectsToken_whenIssuerIsAnotherHost() {
        fx.start();
        String token = fx.tokens.idToken()
                .claim("iss", "https://cognito-idp.us-east-1.amazonaws.com/" + JwksServer.POOL_ID).build();
        fx.assertUnauthorized(token, RejectReason.BAD_ISSUER);
    }

    @Test
    void verify_rejectsToken_whenIssuerIsAnotherPoolOnSameHost() {
        // GIVEN a token of another user pool served by the same Cognito endpoint
        fx.start();
        String token = fx.tokens.idToken().claim("iss", fx.jwks.otherPoolIssuer()).build();

        fx.assertUnauthorized(token, RejectReason.BAD_ISSUER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/x", "#", "?"})
    void verify_rejectsToken_whenIssuerOnlyStartsWithConfiguredIssuer(String suffix) {
        fx.start();
        String token = fx.tokens.idToken().claim("iss", fx.jwks.issuer() + suffix).build();
        fx.assertUnauthorized(token, RejectReason.BAD_ISSUER);
    }

    @Test
    void verify_rejectsToken_whenIssuerMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("iss").build(), RejectReason.BAD_ISSUER);
    }

    @Test
    void verify_rejectsToken_whenIssuerIsArray() {
        fx.start();
        String token = fx.tokens.idToken().claim("iss", List.of(fx.jwks.issuer())).build();
        fx.assertUnauthorized(token, RejectReason.BAD_ISSUER);
    }

    // --- token_use ---

    @ParameterizedTest
    @ValueSource(strings = {"refresh", "ID", "Id", "access ", ""})
    void verify_rejectsToken_whenTokenUseUnknown(String tokenUse) {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("token_use", tokenUse).build(), RejectReason.BAD_TOKEN_USE);
    }

    @Test
    void verify_rejectsToken_whenTokenUseMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("token_use").build(), RejectReason.BAD_TOKEN_USE);
    }

    @Test
    void verify_rejectsAccessToken_whenAccessTokensNotConfigured() {
        // GIVEN the default configuration (ID tokens only) and an otherwise valid access token with the tenant claim
        fx.start();
        String token = fx.tokens.accessToken().build();

        // WHEN authorized / THEN 401
        fx.assertUnauthorized(token, RejectReason.BAD_TOKEN_USE);
        assertThat(fx.log.lastDecision()).contains("\"token_use\":\"access\"");
    }

    @Test
    void verify_rejectsIdToken_whenOnlyAccessTokensConfigured() {
        fx.with("ALLOWED_TOKEN_USES", "access").start();
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.BAD_TOKEN_USE);
    }

    // --- audience: aud for ID tokens, client_id for access tokens ---

    @Test
    void verify_rejectsIdToken_whenAudienceIsAnotherClient() {
        fx.start();
        String token = fx.tokens.idToken().claim("aud", TestTokens.OTHER_CLIENT_ID).build();
        fx.assertUnauthorized(token, RejectReason.BAD_AUDIENCE);
    }

    @Test
    void verify_rejectsIdToken_whenAudienceMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("aud").build(), RejectReason.BAD_AUDIENCE);
    }

    @Test
    void verify_rejectsIdToken_whenAudienceIsArray() {
        // GIVEN an array aud that even contains our client: Cognito ID tokens carry one string, so this is refused
        fx.start();
        String token = fx.tokens.idToken().claim("aud", List.of(TestTokens.CLIENT_ID, "another-service")).build();
        fx.assertUnauthorized(token, RejectReason.BAD_AUDIENCE);
    }

    @Test
    void verify_rejectsIdToken_whenOnlyClientIdMatches() {
        // GIVEN an ID token with a foreign aud but our client_id: only the ID-token rule (aud) counts
        fx.start();
        String token = fx.tokens.idToken().claim("aud", TestTokens.OTHER_CLIENT_ID)
                .claim("client_id", TestTokens.CLIENT_ID).build();
        fx.assertUnauthorized(token, RejectReason.BAD_AUDIENCE);
    }

    @Test
    void verify_allowsIdToken_whenAudienceIsAnyConfiguredClient() {
        fx.with("ALLOWED_CLIENT_IDS", "web-client, " + TestTokens.OTHER_CLIENT_ID).start();
        String token = fx.tokens.idToken().claim("aud", TestTokens.OTHER_CLIENT_ID).build();

        assertThat(statement(fx.authorize(token))).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_rejectsAccessToken_whenClientIdIsAnotherClient() {
        fx.with("ALLOWED_TOKEN_USES", "id,access").start();
        String token = fx.tokens.accessToken().claim("client_id", TestTokens.OTHER_CLIENT_ID).build();
        fx.assertUnauthorized(token, RejectReason.BAD_CLIENT_ID);
    }

    @Test
    void verify_rejectsAccessToken_whenOnlyAudMatches() {
        // GIVEN an access token without client_id but with our client as aud: only the access-token rule counts
        fx.with("ALLOWED_TOKEN_USES", "id,access").start();
        String token = fx.tokens.accessToken().without("client_id").claim("aud", TestTokens.CLIENT_ID).build();
        fx.assertUnauthorized(token, RejectReason.BAD_CLIENT_ID);
    }

    @Test
    void verify_rejectsAccessToken_whenTenantClaimMissing() {
        // GIVEN access tokens are accepted, but this one lacks the tenant claim (no pre-token-generation trigger)
        fx.with("ALLOWED_TOKEN_USES", "id,access").start();
        String token = fx.tokens.accessToken().without("custom:tenantId").build();
        fx.assertUnauthorized(token, RejectReason.BAD_TENANT);
    }

    // --- exp, nbf, iat ---

    @Test
    void verify_rejectsToken_whenExpiredBeyondSkew() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("exp", now() - 31).build(), RejectReason.EXPIRED);
    }

    @Test
    void verify_rejectsToken_whenExpiredExactlyAtSkew() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("exp", now() - 30).build(), RejectReason.EXPIRED);
    }

    @Test
    void verify_allowsToken_whenExpiredWithinSkew() {
        fx.start();
        String token = fx.tokens.idToken().claim("exp", now() - 29).build();
        assertThat(statement(fx.authorize(token))).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_rejectsToken_whenExpMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("exp").build(), RejectReason.MISSING_EXP);
    }

    @Test
    void verify_rejectsToken_whenExpIsString() {
        fx.start();
        String token = fx.tokens.idToken().claim("exp", String.valueOf(now() + 3600)).build();
        fx.assertUnauthorized(token, RejectReason.BAD_EXP);
    }

    @Test
    void verify_rejectsToken_whenExpIsFraction() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("exp", now() + 3600.5).build(), RejectReason.BAD_EXP);
    }

    @Test
    void verify_rejectsToken_whenExpIsNull() {
        fx.start();
        String token = fx.tokens.idToken().claim("exp", null).build();
        fx.assertUnauthorized(token, RejectReason.BAD_EXP);
    }

    @Test
    void verify_rejectsToken_whenExpBeyondYear9999() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("exp", 253_402_300_800L).build(), RejectReason.BAD_EXP);
    }

    @Test
    void verify_rejectsToken_whenNotBeforeInFutureBeyondSkew() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("nbf", now() + 31).build(), RejectReason.NOT_YET_VALID);
    }

    @Test
    void verify_allowsToken_whenNotBeforeWithinSkew() {
        fx.start();
        String token = fx.tokens.idToken().claim("nbf", now() + 30).build();
        assertThat(statement(fx.authorize(token))).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_rejectsToken_whenNotBeforeIsString() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("nbf", "0").build(), RejectReason.BAD_NBF);
    }

    @Test
    void verify_rejectsToken_whenIssuedInFutureBeyondSkew() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("iat", now() + 31).build(), RejectReason.ISSUED_IN_FUTURE);
    }

    @Test
    void verify_rejectsToken_whenIatMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("iat").build(), RejectReason.MISSING_IAT);
    }

    @Test
    void verify_rejectsToken_whenIatIsString() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("iat", String.valueOf(now())).build(), RejectReason.BAD_IAT);
    }

    @Test
    void verify_honoursConfiguredSkew() {
        // GIVEN no clock skew tolerance at all
        fx.with("CLOCK_SKEW_SECONDS", "0").start();

        // WHEN a token expired one second ago is presented / THEN 401
        fx.assertUnauthorized(fx.tokens.idToken().claim("exp", now() - 1).build(), RejectReason.EXPIRED);
    }

    // --- sub ---

    @Test
    void verify_rejectsToken_whenSubMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("sub").build(), RejectReason.BAD_SUB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a#b", "USER#x", "../etc", "a b", "a.b", "é"})
    void verify_rejectsToken_whenSubMalformed(String sub) {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("sub", sub).build(), RejectReason.BAD_SUB);
    }

    @Test
    void verify_rejectsToken_whenSubLongerThan128() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("sub", "s".repeat(129)).build(), RejectReason.BAD_SUB);
    }

    @Test
    void verify_rejectsToken_whenSubIsNumber() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("sub", 42).build(), RejectReason.BAD_SUB);
    }

    // --- tenant claim ---

    @Test
    void verify_rejectsToken_whenTenantMissing() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().without("custom:tenantId").build(), RejectReason.BAD_TENANT);
    }

    @Test
    void verify_rejectsToken_whenTenantEmpty() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("custom:tenantId", "").build(), RejectReason.BAD_TENANT);
    }

    @Test
    void verify_rejectsToken_whenTenantIsArray() {
        fx.start();
        String token = fx.tokens.idToken().claim("custom:tenantId", List.of(TestTokens.TENANT)).build();
        fx.assertUnauthorized(token, RejectReason.BAD_TENANT);
    }

    @Test
    void verify_rejectsToken_whenTenantContainsKeyDelimiter() {
        // GIVEN a tenant id that would extend a DynamoDB key: TENANT#t1#USER#... 
        fx.start();
        String token = fx.tokens.idToken().claim("custom:tenantId", "t1#USER#x").build();
        fx.assertUnauthorized(token, RejectReason.BAD_TENANT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-t1", "_t1", "t 1", "t1\n", "t/1", "t:1"})
    void verify_rejectsToken_whenTenantMalformed(String tenant) {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("custom:tenantId", tenant).build(), RejectReason.BAD_TENANT);
    }

    @Test
    void verify_rejectsToken_whenTenantLongerThan64() {
        fx.start();
        String token = fx.tokens.idToken().claim("custom:tenantId", "t" + "x".repeat(64)).build();
        fx.assertUnauthorized(token, RejectReason.BAD_TENANT);
    }

    @Test
    void verify_readsConfiguredTenantClaim() {
        // GIVEN TENANT_CLAIM names another claim, and the token carries the tenant only there
        fx.with("TENANT_CLAIM", "tenant_id").start();
        String token = fx.tokens.idToken().without("custom:tenantId").claim("tenant_id", "t-other").build();

        // WHEN authorized / THEN the tenant comes from that claim
        assertThat(fx.authorize(token).getContext()).containsEntry("tenantId", "t-other");
    }

    // --- duplicates and other claim shapes ---

    @Test
    void verify_rejectsToken_whenPayloadHasDuplicateTenant() {
        // GIVEN a validly signed payload naming the tenant twice (first and last value differ)
        fx.start();
        String json = fx.tokens.idToken().payloadJson();
        String duplicated = json.substring(0, json.length() - 1) + ",\"custom:tenantId\":\"t-victim\"}";

        fx.assertUnauthorized(fx.tokens.idToken().rawPayload(duplicated).build(), RejectReason.DUPLICATE_MEMBER);
    }

    @Test
    void verify_rejectsToken_whenPayloadDuplicateHidesBehindEscape() {
        fx.start();
        String json = fx.tokens.idToken().payloadJson();
        String duplicated = json.substring(0, json.length() - 1) + ",\"\\u0073ub\":\"someone-else\"}";

        fx.assertUnauthorized(fx.tokens.idToken().rawPayload(duplicated).build(), RejectReason.DUPLICATE_MEMBER);
    }

    @Test
    void verify_rejectsToken_whenNestedObjectHasDuplicate() {
        fx.start();
        String json = fx.tokens.idToken().payloadJson();
        String nested = json.substring(0, json.length() - 1) + ",\"address\":{\"a\":1,\"a\":2}}";

        fx.assertUnauthorized(fx.tokens.idToken().rawPayload(nested).build(), RejectReason.DUPLICATE_MEMBER);
    }

    @Test
    void verify_rejectsToken_whenPayloadIsNotObject() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().rawPayload("[1,2,3]").build(), RejectReason.BAD_JSON);
    }

    @Test
    void verify_rejectsToken_whenGroupsNotArrayOfStrings() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("cognito:groups", "ADMIN").build(), RejectReason.BAD_CLAIM);
        fx.assertUnauthorized(fx.tokens.idToken().claim("cognito:groups", List.of(Map.of("a", 1))).build(),
                RejectReason.BAD_CLAIM);
    }

    @Test
    void verify_rejectsToken_whenEmailNotString() {
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().claim("email", List.of(TestTokens.EMAIL)).build(),
                RejectReason.BAD_CLAIM);
    }
}
