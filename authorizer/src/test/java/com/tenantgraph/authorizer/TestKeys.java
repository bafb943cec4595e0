package com.tenantgraph.authorizer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tests' own keys, generated once per JVM. The JWKS documents are written by nimbus-jose-jwt, an independent
 * implementation, so the authorizer's JWKS parser is checked against what a standard library publishes.
 */
public final class TestKeys {

    public static final String POOL_KID = "pool-key-1";
    public static final String ROTATED_KID = "pool-key-2";

    /** The user pool's signing key. */
    public static final KeyPair POOL = rsa(2048);
    /** A second pool key, published later (rotation). */
    public static final KeyPair ROTATED = rsa(2048);
    /** Someone else's RSA-2048 key. */
    public static final KeyPair ATTACKER = rsa(2048);
    /** Too short to be trusted. */
    public static final KeyPair RSA_1024 = rsa(1024);
    /** Not RSA at all. */
    public static final KeyPair EC_P256 = ec();

    private TestKeys() {
    }

    public static JWK rsaJwk(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }

    public static JWK ecJwk(KeyPair pair, String kid) {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .build();
    }

    /** A JWK Set document holding the public parts of {@code keys}. */
    public static String jwks(JWK... keys) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JWK key : keys) {
            entries.add(key.toPublicJWK().toJSONObject());
        }
        return TestJson.write(Map.of("keys", entries));
    }

    private static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
