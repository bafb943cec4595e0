package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ClaimRules#issuerAndWindow}, the claims set nimbus's claims verifier is given, built from the strict parse
 * instead of by {@link JWTClaimsSet#parse}: for every registered claim and every JSON type it can have, it refuses
 * exactly what that parser refuses and hands the verifier the very {@code iss}, {@code exp} and {@code nbf} the
 * parsed set held; and nimbus's verifier, given it, still refuses a wrong issuer, an expired token and a future nbf.
 */
class ClaimRulesTest {

    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc";
    private static final long NOW = 1_800_000_000L;

    /** One value of every JSON type the strict parse produces, JSON null included. */
    private static final List<Object> EVERY_TYPE = Arrays.asList(
            "text", "", 42L, 1_800_000_000L, 1.5, -1L, true, false, null,
            List.of(), List.of("a"), List.of("a", "b"), List.of("a", 1L), List.of(List.of("a")), Map.of("a", "b"));

    private static Map<String, Object> cognitoPayload() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
        claims.put("iss", ISSUER);
        claims.put("aud", "client-a");
        claims.put("token_use", "id");
        claims.put("custom:tenantId", "t-acme");
        claims.put("exp", NOW + 3600);
        claims.put("iat", NOW);
        claims.put("jti", "one");
        return claims;
    }

    @Test
    void issuerAndWindow_refusesExactlyWhatNimbusParseRefuses_forEveryRegisteredClaimAndType() throws Exception {
        List<String> compared = new ArrayList<>();
        for (String name : JWTClaimsSet.getRegisteredNames()) {
            for (Object value : EVERY_TYPE) {
                Map<String, Object> claims = cognitoPayload();
                claims.put(name, value);
                JWTClaimsSet built = ClaimRules.issuerAndWindow(claims);
                JWTClaimsSet parsed;
                try {
                    parsed = JWTClaimsSet.parse(claims);
                } catch (ParseException e) {
                    assertThat(built).as("%s = %s is refused by nimbus's parser", name, value).isNull();
                    compared.add(name + " refused");
                    continue;
                }
                assertThat(built).as("%s = %s is accepted by nimbus's parser", name, value).isNotNull();
                assertThat(built.getIssuer()).as("iss, with %s = %s", name, value).isEqualTo(parsed.getIssuer());
                assertThat(built.getExpirationTime()).as("exp, with %s = %s", name, value)
                        .isEqualTo(parsed.getExpirationTime());
                assertThat(built.getNotBeforeTime()).as("nbf, with %s = %s", name, value)
                        .isEqualTo(parsed.getNotBeforeTime());
                compared.add(name + " accepted");
            }
        }
        // every registered claim has both accepted and refused types among those above: both branches were compared
        for (String name : JWTClaimsSet.getRegisteredNames()) {
            assertThat(compared).contains(name + " refused", name + " accepted");
        }
    }

    @Test
    void issuerAndWindow_leavesAbsentClaimsAbsent() {
        Map<String, Object> claims = cognitoPayload();
        claims.remove("iss");
        claims.remove("exp");

        JWTClaimsSet built = ClaimRules.issuerAndWindow(claims);

        assertThat(built.getIssuer()).isNull();
        assertThat(built.getExpirationTime()).isNull();
        assertThat(built.getNotBeforeTime()).isNull();
    }

    @Test
    void check_acceptsCognitoPayload() throws Exception {
        VerifiedToken token = rules().check(cognitoPayload(), "kid-1");

        assertThat(token.sub()).isEqualTo("6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(token.tenantId()).isEqualTo("t-acme");
        assertThat(token.exp()).isEqualTo(NOW + 3600);
    }

    @Test
    void check_rejectsThroughNimbusVerifier_wrongIssuerExpiredAndNotYetValid() {
        assertRejected(with("iss", ISSUER + "x"), RejectReason.BAD_ISSUER);
        assertRejected(with("iss", null), RejectReason.BAD_ISSUER);
        assertRejected(with("iss", 42L), RejectReason.BAD_ISSUER);
        assertRejected(with("exp", NOW - 30), RejectReason.EXPIRED); // at the 30 s skew
        assertRejected(with("nbf", NOW + 31), RejectReason.NOT_YET_VALID);
    }

    @Test
    void check_namesOurRule_whenARegisteredClaimHasATypeNimbusRefuses() {
        assertRejected(with("exp", "1800003600"), RejectReason.BAD_EXP);
        assertRejected(with("iat", List.of(NOW)), RejectReason.BAD_IAT);
        assertRejected(with("nbf", true), RejectReason.BAD_NBF);
        assertRejected(with("sub", Map.of("a", "b")), RejectReason.BAD_SUB);
        assertRejected(with("aud", List.of("client-a", 1L)), RejectReason.BAD_AUDIENCE);
        // no rule of ours reads jti, so its wrong type is a bad claim
        assertRejected(with("jti", 7L), RejectReason.BAD_CLAIM);
    }

    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> claims = cognitoPayload();
        claims.put(name, value);
        return claims;
    }

    private static void assertRejected(Map<String, Object> claims, RejectReason reason) {
        assertThatThrownBy(() -> rules().check(claims, "kid-1"))
                .as("%s", claims)
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.toRejected().reason()).isEqualTo(reason));
    }

    private static ClaimRules rules() {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(Map.of(
                "USER_POOL_ISSUER", ISSUER, "ALLOWED_CLIENT_IDS", "client-a"));
        return new ClaimRules(config, new MutableClock(Instant.ofEpochSecond(NOW)));
    }
}
