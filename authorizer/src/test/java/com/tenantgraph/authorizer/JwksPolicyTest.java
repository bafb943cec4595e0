package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which JWKs of a document nimbus parsed become verification keys. */
class JwksPolicyTest {

    private static RSAKey.Builder rsa(String kid) {
        return new RSAKey.Builder((RSAPublicKey) TestKeys.POOL.getPublic()).keyID(kid);
    }

    /** The usable keys by kid. */
    private static Map<String, RSAPublicKey> parse(String jwks) throws Exception {
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        for (JWK key : JwksPolicy.usableKeys(jwks.getBytes(StandardCharsets.UTF_8)).getKeys()) {
            keys.put(key.getKeyID(), key.toRSAKey().toRSAPublicKey());
        }
        return keys;
    }

    @Test
    void parse_keepsRsaSigningKeys_withOrWithoutUseAndAlg() throws Exception {
        String jwks = TestKeys.jwks(
                rsa("full").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build(),
                rsa("bare").build(),
                rsa("ops").keyOperations(Set.of(KeyOperation.VERIFY)).build());

        assertThat(parse(jwks)).containsOnlyKeys("full", "bare", "ops");
        assertThat(parse(jwks).get("full")).isEqualTo(TestKeys.POOL.getPublic());
    }

    @Test
    void parse_ignoresKeysWeMustNotUse() throws Exception {
        String jwks = TestKeys.jwks(
                TestKeys.ecJwk(TestKeys.EC_P256, "ec"),
                TestKeys.rsaJwk(TestKeys.RSA_1024, "short"),
                rsa("enc").keyUse(KeyUse.ENCRYPTION).build(),
                rsa("rs512").algorithm(JWSAlgorithm.RS512).build(),
                rsa("ps256").algorithm(JWSAlgorithm.PS256).build(),
                rsa("sign-only").keyOperations(Set.of(KeyOperation.SIGN)).build(),
                rsa("good").build());

        assertThat(parse(jwks)).containsOnlyKeys("good");
    }

    @Test
    void parse_ignoresKeyWithoutKid() throws Exception {
        assertThat(parse(TestKeys.jwks(new RSAKey.Builder((RSAPublicKey) TestKeys.POOL.getPublic()).build())))
                .isEmpty();
    }

    @Test
    void parse_dropsKid_publishedTwice() throws Exception {
        // GIVEN two different keys under one kid: we could not tell which one the pool means
        String jwks = TestKeys.jwks(TestKeys.rsaJwk(TestKeys.POOL, "same"), TestKeys.rsaJwk(TestKeys.ATTACKER, "same"),
                TestKeys.rsaJwk(TestKeys.ROTATED, "other"));

        assertThat(parse(jwks)).containsOnlyKeys("other");
    }

    @Test
    void parse_ignoresKeyWithEvenOrTrivialExponent() throws Exception {
        String n = TestJson.write(rsa("x").build().toJSONObject().get("n"));
        assertThat(parse("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"even\",\"n\":" + n + ",\"e\":\"Ag\"},"
                + "{\"kty\":\"RSA\",\"kid\":\"one\",\"n\":" + n + ",\"e\":\"AQ\"},"
                + "{\"kty\":\"RSA\",\"kid\":\"padded\",\"n\":" + n + ",\"e\":\"AQAB==\"}]}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[],\"keys\":[]}", "<html/>"})
    void parse_refusesDocument_thatIsNotAJwkSet(String document) {
        assertThatThrownBy(() -> parse(document)).isInstanceOf(JwksPolicy.InvalidJwksException.class);
    }
}
