package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.TestTokens.b64;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JOSE header: RS256 only, a kid, and nothing that changes how the token is processed or where its key comes
 * from. Unless the test is about the signature, tokens are signed with the pool's own key, so the header rule is the
 * only thing wrong with them.
 */
class JoseHeaderTest {

    private final AuthorizerFixture fx = new AuthorizerFixture();

    @BeforeEach
    void start() {
        fx.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void verify_rejectsToken_whenAlgNoneAndUnsigned() {
        // GIVEN the classic "alg":"none" token with an empty signature
        String token = fx.tokens.idToken().header("alg", "none").unsigned();

        // WHEN authorized / THEN 401
        fx.assertUnauthorized(token, RejectReason.BAD_BASE64URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void verify_rejectsToken_whenAlgNoneInAnyCase(String none) {
        // GIVEN a token declaring no algorithm, even with a valid RS256 signature attached
        String token = fx.tokens.idToken().header("alg", none).build();

        fx.assertUnauthorized(token, RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenHs256SignedWithPublicKeyDer() {
        // GIVEN the algorithm-confusion attack: HS256 with the pool's public key (DER) as the HMAC secret
        byte[] secret = TestKeys.POOL.getPublic().getEncoded();
        String token = fx.tokens.idToken().header("alg", "HS256").hmacWith(secret).build();

        fx.assertUnauthorized(token, RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenHs256SignedWithPublicKeyPem() {
        // GIVEN the same attack with the PEM text of the public key, as most HMAC libraries would read it
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TestKeys.POOL.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String token = fx.tokens.idToken().header("alg", "HS256").hmacWith(pem.getBytes(StandardCharsets.US_ASCII))
                .build();

        fx.assertUnauthorized(token, RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenEs256() {
        String token = fx.tokens.idToken().header("alg", "ES256").ecdsaWith(TestKeys.EC_P256.getPrivate()).build();
        fx.assertUnauthorized(token, RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenPs256EvenWithPoolKey() {
        // GIVEN a PS256 token signed with the pool's own RSA key: a valid signature, but not the algorithm we accept
        String token = fx.tokens.idToken().header("alg", "PS256").pssWith(TestKeys.POOL.getPrivate()).build();
        fx.assertUnauthorized(token, RejectReason.ALG_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS384", "RS512", "rs256", "RS256 ", "HS512", ""})
    void verify_rejectsToken_whenAlgOtherThanRs256(String alg) {
        String token = fx.tokens.idToken().header("alg", alg).build();
        fx.assertUnauthorized(token, RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenAlgMissing() {
        fx.assertUnauthorized(fx.tokens.idToken().withoutHeader("alg").build(), RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenAlgIsArray() {
        fx.assertUnauthorized(fx.tokens.idToken().header("alg", List.of("RS256")).build(),
                RejectReason.ALG_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenCritPresent() {
        // GIVEN a validly signed token with a critical extension we do not understand
        String token = fx.tokens.idToken().header("crit", List.of("exp")).header("exp", 1).build();

        fx.assertUnauthorized(token, RejectReason.CRIT_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenUnencodedPayloadDeclaredWithCrit() {
        // GIVEN RFC 7797's unencoded payload, declared properly with crit
        String token = fx.tokens.idToken().header("b64", false).header("crit", List.of("b64")).build();

        fx.assertUnauthorized(token, RejectReason.CRIT_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenB64FalseWithoutCrit() {
        String token = fx.tokens.idToken().header("b64", false).build();
        fx.assertUnauthorized(token, RejectReason.B64_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenJkuPresent_andNeverFetchesIt() {
        // GIVEN an attacker's token pointing jku at a JWKS holding the attacker's key
        fx.jwks.serveElsewhere(TestKeys.jwks(TestKeys.rsaJwk(TestKeys.ATTACKER, "attacker")));
        String token = fx.tokens.idToken().header("kid", "attacker").header("jku", fx.jwks.elsewhereUrl())
                .signedWith(TestKeys.ATTACKER.getPrivate()).build();

        // WHEN authorized / THEN 401, and the jku URL was never asked
        fx.assertUnauthorized(token, RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
        assertThat(fx.jwks.elsewhereRequests()).isZero();
    }

    @Test
    void verify_rejectsToken_whenJkuPresentEvenIfSignedByPool() {
        String token = fx.tokens.idToken().header("jku", fx.jwks.issuer() + AuthorizerConfig.JWKS_PATH).build();
        fx.assertUnauthorized(token, RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenEmbeddedJwkIsAttackers() {
        // GIVEN a token embedding the attacker's public key and signed with it (CVE-2018-0114 style)
        Map<String, Object> jwk = TestKeys.rsaJwk(TestKeys.ATTACKER, TestKeys.POOL_KID).toPublicJWK().toJSONObject();
        String token = fx.tokens.idToken().header("jwk", jwk).signedWith(TestKeys.ATTACKER.getPrivate()).build();

        fx.assertUnauthorized(token, RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenEmbeddedJwkEvenIfSignedByPool() {
        Map<String, Object> jwk = TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID).toPublicJWK().toJSONObject();
        String token = fx.tokens.idToken().header("jwk", jwk).build();

        fx.assertUnauthorized(token, RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenX5uPresent() {
        String token = fx.tokens.idToken().header("x5u", fx.jwks.elsewhereUrl()).build();
        fx.assertUnauthorized(token, RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
        assertThat(fx.jwks.elsewhereRequests()).isZero();
    }

    @Test
    void verify_rejectsToken_whenX5cPresent() {
        String token = fx.tokens.idToken()
                .header("x5c", List.of(b64(TestKeys.ATTACKER.getPublic().getEncoded()))).build();
        fx.assertUnauthorized(token, RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
    }

    @Test
    void verify_rejectsToken_whenX5tS256MatchesNoPoolKey() {
        // GIVEN a token signed by the pool's key whose header also names a certificate thumbprint: nimbus's key
        // matcher then wants a JWK with that x5t#S256, and the pool's key has none
        String token = fx.tokens.idToken().header("x5t#S256", b64(new byte[32])).build();

        // THEN no key is selected for it, however well known its kid
        fx.assertUnauthorized(token, RejectReason.UNKNOWN_KID);
    }

    @Test
    void verify_rejectsToken_whenJweHeaderMemberPresent() {
        String token = fx.tokens.idToken().header("enc", "A256GCM").build();
        fx.assertUnauthorized(token, RejectReason.JWE_HEADER_NOT_ACCEPTED);
    }

    @Test
    void verify_rejectsToken_whenKidMissing() {
        fx.assertUnauthorized(fx.tokens.idToken().withoutHeader("kid").build(), RejectReason.MISSING_KID);
    }

    @Test
    void verify_rejectsToken_whenKidEmpty() {
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "").build(), RejectReason.MISSING_KID);
    }

    @Test
    void verify_rejectsToken_whenKidNotString() {
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", 1).build(), RejectReason.MISSING_KID);
    }

    @Test
    void verify_rejectsToken_whenHeaderHasDuplicateAlg() {
        // GIVEN a validly signed header naming alg twice (a parser keeping the last value would see "none")
        String token = fx.tokens.idToken()
                .rawHeader("{\"alg\":\"RS256\",\"kid\":\"pool-key-1\",\"alg\":\"none\"}").build();

        fx.assertUnauthorized(token, RejectReason.DUPLICATE_MEMBER);
    }

    @Test
    void verify_rejectsToken_whenHeaderHasDuplicateKid() {
        String token = fx.tokens.idToken()
                .rawHeader("{\"kid\":\"attacker\",\"alg\":\"RS256\",\"kid\":\"pool-key-1\"}").build();
        fx.assertUnauthorized(token, RejectReason.DUPLICATE_MEMBER);
    }

    @Test
    void verify_rejectsToken_whenHeaderDuplicateHidesBehindEscape() {
        // GIVEN "alg" spelled a second time as "al\u0067": the same member name once unescaped
        String token = fx.tokens.idToken()
                .rawHeader("{\"alg\":\"RS256\",\"kid\":\"pool-key-1\",\"al\\u0067\":\"HS256\"}").build();
        fx.assertUnauthorized(token, RejectReason.DUPLICATE_MEMBER);
    }

    @Test
    void verify_neverFetchesJwks_forHeaderFailures() {
        // GIVEN the JWKS was loaded once at init
        int before = fx.jwks.jwksRequests();

        // WHEN tokens fail header rules, each naming a kid the pool does not publish
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "k1").header("alg", "none").build(),
                RejectReason.ALG_NOT_ALLOWED);
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "k2").header("crit", List.of("x")).build(),
                RejectReason.CRIT_NOT_ALLOWED);

        // THEN no JWKS refresh was caused by them
        assertThat(fx.jwks.jwksRequests()).isEqualTo(before);
    }
}
