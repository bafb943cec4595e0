package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.TestTokens.b64;
import static com.tenantgraph.authorizer.TestTokens.segments;
import static com.tenantgraph.authorizer.TestTokens.signSegments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Why each rule of our own layer exists: for every check that the authorizer makes in front of or after
 * nimbus-jose-jwt, a token (or a JWKS, or a fetch) that nimbus alone, configured as the authorizer configures it
 * ({@link NimbusAlone}), accepts, and that the authorizer refuses with that rule's reason code. Every token is
 * validly signed by the pool's key unless the rule is about keys, so nothing but the rule under test is wrong.
 *
 * <p>Rules that only name the reason for a token nimbus refuses anyway ({@code alg} other than RS256, a JWE, a
 * duplicate top-level member, {@code crit} naming an extension, {@code enc}, a bad signature, the issuer, exp and
 * nbf) are not here: the other test classes check their reason codes.
 */
class NimbusAloneTest {

    private static final String POOL_JWKS = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID));

    private final AuthorizerFixture fx = new AuthorizerFixture();

    @AfterEach
    void stop() {
        fx.close();
    }

    /** Asserts that nimbus alone accepts the token and the authorizer refuses it for {@code reason}. */
    private void assertOnlyOurLayerRefuses(String publishedJwks, String token, RejectReason reason) {
        NimbusAlone nimbus = new NimbusAlone(AuthorizerConfig.fromEnvironment(fx.env), fx.clock, publishedJwks);
        assertThat(nimbus.verdict(token)).as("nimbus alone").isEqualTo("accepted");
        fx.assertUnauthorized(token, reason);
    }

    private void assertOnlyOurLayerRefuses(String token, RejectReason reason) {
        assertOnlyOurLayerRefuses(POOL_JWKS, token, reason);
    }

    @Test
    void baseline_nimbusAloneAndAuthorizerBothAcceptValidToken() {
        // GIVEN a valid token / WHEN both verify it / THEN both accept it (so "accepted" below means something)
        fx.start();
        String token = fx.tokens.idToken().build();
        NimbusAlone nimbus = new NimbusAlone(AuthorizerConfig.fromEnvironment(fx.env), fx.clock, POOL_JWKS);

        assertThat(nimbus.verdict(token)).isEqualTo("accepted");
        assertThat(AuthorizerFixture.statement(fx.authorize(token))).containsEntry("Effect", "Allow");
        // and nimbus alone does refuse what it checks: a token signed by another key
        assertThat(nimbus.verdict(fx.tokens.idToken().signedWith(TestKeys.ATTACKER.getPrivate()).build()))
                .startsWith("refused");
    }

    // --- length ---

    @Test
    void tokenTooLong_nimbusAcceptsAnyLength() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("padding", "x".repeat(8192)).build(),
                RejectReason.TOKEN_TOO_LONG);
    }

    // --- base64url: nimbus's decoder skips foreign characters and unused bits, and split() trims ---

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"padded signature", "standard alphabet", "line break inside", "trailing newline",
        "non-canonical last character"})
    void badBase64Url_nimbusAcceptsOtherSpellingsOfTheSameToken(String spelling) {
        fx.start();
        String valid = fx.tokens.idToken().claim("pad", "~~~~~~>>>>>>??????").build();
        String[] parts = segments(valid);
        String token = switch (spelling) {
            case "padded signature" -> valid + "==";
            case "standard alphabet" -> signSegments(parts[0], standard(parts[1]));
            case "line break inside" -> signSegments(parts[0], parts[1].substring(0, 10) + "\r\n" + parts[1].substring(10));
            case "trailing newline" -> valid + "\n";
            default -> valid.substring(0, valid.length() - 1) + flipUnusedBit(valid.charAt(valid.length() - 1));
        };
        assertThat(token).isNotEqualTo(valid);

        assertOnlyOurLayerRefuses(token, RejectReason.BAD_BASE64URL);
    }

    // --- JSON: nimbus's Gson refuses duplicates at the top level only, and decodes bytes leniently ---

    @Test
    void duplicateMember_nimbusAcceptsDuplicateInNestedObject() {
        fx.start();
        String json = fx.tokens.idToken().payloadJson();
        String nested = json.substring(0, json.length() - 1) + ",\"address\":{\"country\":\"a\",\"country\":\"b\"}}";

        assertOnlyOurLayerRefuses(fx.tokens.idToken().rawPayload(nested).build(), RejectReason.DUPLICATE_MEMBER);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"invalid UTF-8", "lone surrogate", "byte order mark", "nesting deeper than 16"})
    void badJson_nimbusAcceptsWhatStrictJsonRefuses(String flaw) {
        fx.start();
        String json = fx.tokens.idToken().payloadJson();
        String open = json.substring(0, json.length() - 1);
        byte[] payload = switch (flaw) {
            case "invalid UTF-8" -> {
                byte[] bytes = (open + ",\"name\":\"@@\"}").getBytes(StandardCharsets.UTF_8);
                int at = open.length() + 9;
                bytes[at] = (byte) 0xC3;     // a lead byte...
                bytes[at + 1] = (byte) 0x28; // ...followed by a non-continuation byte
                yield bytes;
            }
            case "lone surrogate" -> (open + ",\"name\":\"\\ud800\"}").getBytes(StandardCharsets.UTF_8);
            case "byte order mark" -> ("\ufeff" + json).getBytes(StandardCharsets.UTF_8);
            default -> (open + ",\"deep\":" + "{\"a\":".repeat(16) + "1" + "}".repeat(16) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        };

        assertOnlyOurLayerRefuses(signSegments(segments(fx.tokens.idToken().build())[0], b64(payload)),
                RejectReason.BAD_JSON);
    }

    // --- JOSE header: nimbus ignores what its key selector does not use ---

    @Test
    void critNotAllowed_nimbusAcceptsCritNamingB64() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().header("crit", List.of("b64")).build(),
                RejectReason.CRIT_NOT_ALLOWED);
    }

    @Test
    void b64NotAllowed_nimbusAcceptsB64True() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().header("b64", true).build(), RejectReason.B64_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jku", "jwk", "x5u", "x5c"})
    void embeddedKeyNotAllowed_nimbusIgnoresKeyTheTokenNames(String member) {
        fx.start();
        Object value = switch (member) {
            case "jwk" -> TestKeys.rsaJwk(TestKeys.ATTACKER, TestKeys.POOL_KID).toPublicJWK().toJSONObject();
            case "x5c" -> List.of(b64(TestKeys.ATTACKER.getPublic().getEncoded()));
            default -> fx.jwks.elsewhereUrl();
        };

        assertOnlyOurLayerRefuses(fx.tokens.idToken().header(member, value).build(),
                RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
        assertThat(fx.jwks.elsewhereRequests()).isZero();
    }

    @Test
    void jweHeaderNotAccepted_nimbusAcceptsZipInJws() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().header("zip", "DEF").build(),
                RejectReason.JWE_HEADER_NOT_ACCEPTED);
    }

    @Test
    void missingKid_nimbusTriesEveryKeyWithoutOne() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().withoutHeader("kid").build(), RejectReason.MISSING_KID);
    }

    @Test
    void missingKid_nimbusAcceptsKidLongerThan256() {
        String longKid = "k".repeat(StrictJws.MAX_KID_LENGTH + 1);
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, longKid));
        fx.jwks.serve(jwks);
        fx.start();

        assertOnlyOurLayerRefuses(jwks, fx.tokens.idToken().header("kid", longKid).build(), RejectReason.MISSING_KID);
    }

    // --- keys: nimbus's matcher takes any RSA key with the kid, use sig or none, alg RS256 or none ---

    @Test
    void unknownKid_nimbusUsesRsa1024Key() {
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID),
                TestKeys.rsaJwk(TestKeys.RSA_1024, "short-key"));
        fx.jwks.serve(jwks);
        fx.start();
        String token = fx.tokens.idToken().header("kid", "short-key").signedWith(TestKeys.RSA_1024.getPrivate())
                .build();

        assertOnlyOurLayerRefuses(jwks, token, RejectReason.UNKNOWN_KID);
    }

    @Test
    void noKeys_nimbusUsesKeyWhoseKeyOpsExcludeVerify() {
        String jwks = TestKeys.jwks(new RSAKey.Builder((RSAPublicKey) TestKeys.POOL.getPublic())
                .keyID(TestKeys.POOL_KID).keyOperations(Set.of(KeyOperation.SIGN)).build());
        fx.jwks.serve(jwks);
        fx.start();

        assertOnlyOurLayerRefuses(jwks, fx.tokens.idToken().build(), RejectReason.NO_KEYS);
    }

    @Test
    void unknownKid_nimbusTriesEveryKeyOfAKidPublishedTwice() {
        // GIVEN the pool's kid published twice, once with another key: nimbus tries both and one verifies
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.ATTACKER, TestKeys.POOL_KID),
                TestKeys.rsaJwk(TestKeys.POOL, TestKeys.POOL_KID), TestKeys.rsaJwk(TestKeys.ROTATED, "other"));
        fx.jwks.serve(jwks);
        fx.start();

        assertOnlyOurLayerRefuses(jwks, fx.tokens.idToken().build(), RejectReason.UNKNOWN_KID);
    }

    // --- claims: nimbus's verifier checks the issuer and the exp/nbf window only ---

    @Test
    void badTokenUse_nimbusHasNoSuchRule() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("token_use", "refresh").build(), RejectReason.BAD_TOKEN_USE);
    }

    @Test
    void badAudience_nimbusWouldAcceptArrayContainingOurClient() {
        fx.start();
        String token = fx.tokens.idToken().claim("aud", List.of(TestTokens.CLIENT_ID, "another-service")).build();
        assertOnlyOurLayerRefuses(token, RejectReason.BAD_AUDIENCE);
    }

    @Test
    void badClientId_nimbusHasNoClientIdRule() {
        fx.with("ALLOWED_TOKEN_USES", "id,access").start();
        String token = fx.tokens.accessToken().claim("client_id", TestTokens.OTHER_CLIENT_ID).build();
        assertOnlyOurLayerRefuses(token, RejectReason.BAD_CLIENT_ID);
    }

    @Test
    void missingExp_nimbusTreatsNoExpAsNeverExpiring() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().without("exp").build(), RejectReason.MISSING_EXP);
    }

    @Test
    void badExp_nimbusReadsFractionAsWholeSeconds() {
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("exp", now + 3600.5).build(), RejectReason.BAD_EXP);
    }

    @Test
    void badNbf_nimbusReadsFractionAsWholeSeconds() {
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("nbf", now - 0.5).build(), RejectReason.BAD_NBF);
    }

    @Test
    void missingIat_nimbusDoesNotRequireIat() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().without("iat").build(), RejectReason.MISSING_IAT);
    }

    @Test
    void badIat_nimbusReadsFractionAsWholeSeconds() {
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("iat", now - 0.5).build(), RejectReason.BAD_IAT);
    }

    @Test
    void issuedInFuture_nimbusDoesNotCheckIat() {
        fx.start();
        long now = fx.clock.instant().getEpochSecond();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("iat", now + 31).build(), RejectReason.ISSUED_IN_FUTURE);
    }

    @Test
    void badSub_nimbusAcceptsAnySubString() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("sub", "USER#x").build(), RejectReason.BAD_SUB);
    }

    @Test
    void badTenant_nimbusHasNoTenantRule() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("custom:tenantId", "t1#USER#x").build(),
                RejectReason.BAD_TENANT);
    }

    @Test
    void badClaim_nimbusAcceptsGroupsOfAnyType() {
        fx.start();
        assertOnlyOurLayerRefuses(fx.tokens.idToken().claim("cognito:groups", "ADMIN").build(), RejectReason.BAD_CLAIM);
    }

    // --- fetching keys: why the limiter and the HTTP client are ours ---

    @Test
    void rateLimit_nimbusLetsTwoFetchesThroughPerInterval_oursOne() throws Exception {
        // GIVEN nimbus's rate limiter with a 60 s interval over a source that counts fetches
        List<Long> fetches = new ArrayList<>();
        JWKSetSource<SecurityContext> counting = new JWKSetSource<>() {
            @Override
            public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long time,
                                                          SecurityContext context) {
                fetches.add(time);
                return new JWKSet();
            }

            @Override
            public void close() {
            }
        };
        RateLimitedJWKSetSource<SecurityContext> nimbusLimiter = new RateLimitedJWKSetSource<>(counting, 60_000, null);

        // WHEN asked three times within one interval / THEN it fetches twice
        nimbusLimiter.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), 0, null);
        nimbusLimiter.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), 1_000, null);
        assertThatThrownBy(() ->
                nimbusLimiter.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), 2_000, null))
                .isInstanceOf(RateLimitReachedException.class);
        assertThat(fetches).hasSize(2);

        // AND the authorizer, past its init preload, fetches once per interval: two unknown kids, one fetch
        fx.start();
        fx.clock.advance(Duration.ofSeconds(120));
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "unknown-1").build(), RejectReason.UNKNOWN_KID);
        fx.clock.advance(Duration.ofSeconds(1));
        fx.assertUnauthorized(fx.tokens.idToken().header("kid", "unknown-2").build(), RejectReason.UNKNOWN_KID);
        assertThat(fx.jwks.jwksRequests()).isEqualTo(2); // the preload and one refresh
    }

    @Test
    void jwksRedirect_nimbusDefaultRetrieverFollowsIt_oursDoesNot() throws Exception {
        // GIVEN the JWKS URL redirects to a location that serves a valid JWKS
        fx.jwks.serveElsewhere(POOL_JWKS);
        fx.jwks.respondWith(JwksServer.redirect(fx.jwks.elsewhereUrl()));

        // WHEN nimbus's default retriever fetches it / THEN it followed the redirect and got the keys
        var resource = new DefaultResourceRetriever(1000, 1000, 65_536)
                .retrieveResource(URI.create(fx.jwks.issuer() + AuthorizerConfig.JWKS_PATH).toURL());
        assertThat(resource.getContent()).contains(TestKeys.POOL_KID);
        assertThat(fx.jwks.elsewhereRequests()).isEqualTo(1);

        // AND the authorizer's client did not: no keys
        fx.start();
        fx.assertUnauthorized(fx.tokens.idToken().build(), RejectReason.NO_KEYS);
        assertThat(fx.jwks.elsewhereRequests()).isEqualTo(1);
    }

    private static String standard(String base64url) {
        byte[] bytes = Base64.getUrlDecoder().decode(base64url);
        String standard = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        assertThat(standard).containsAnyOf("+", "/");
        return standard;
    }

    private static char flipUnusedBit(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) | 1);
    }
}
