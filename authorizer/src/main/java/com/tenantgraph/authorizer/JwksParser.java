package com.tenantgraph.authorizer;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JWK Set document into the RSA verification keys the authorizer may use, by {@code kid}.
 *
 * <p>A key is kept only if it is {@code kty} RSA, has a non-empty {@code kid}, {@code use} "sig" and {@code alg}
 * "RS256" where given, {@code key_ops} including "verify" where given, a modulus of at least
 * {@value #MIN_MODULUS_BITS} bits and an odd public exponent above 1. Other keys (EC, symmetric, encryption, short
 * RSA) are ignored, not fatal: a pool may publish more than we use. A {@code kid} that appears twice is dropped
 * altogether, since we could not tell which key it means. A document that is not a JSON object with a
 * {@code keys} array is refused as a whole, so a broken response never replaces good cached keys.
 */
final class JwksParser {

    static final int MIN_MODULUS_BITS = 2048;

    private JwksParser() {
    }

    /** Thrown for a document that is not a JWK Set at all. */
    static final class InvalidJwksException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJwksException(String message) {
            super(message, null, false, false);
        }
    }

    static Map<String, RSAPublicKey> parse(byte[] document) throws InvalidJwksException {
        Map<String, Object> root;
        try {
            root = StrictJson.parseObject(document);
        } catch (StrictJson.JsonException e) {
            throw new InvalidJwksException("JWKS is not a strict JSON object: " + e.getMessage());
        }
        if (!(root.get("keys") instanceof List<?> keys)) {
            throw new InvalidJwksException("JWKS has no 'keys' array");
        }
        Map<String, RSAPublicKey> usable = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        for (Object entry : keys) {
            if (!(entry instanceof Map<?, ?> jwk) || !(jwk.get("kid") instanceof String kid) || kid.isEmpty()) {
                continue;
            }
            RSAPublicKey key = toVerificationKey(jwk);
            if (key != null && usable.putIfAbsent(kid, key) != null) {
                duplicated.add(kid);
            }
        }
        usable.keySet().removeAll(duplicated);
        return Map.copyOf(usable);
    }

    private static RSAPublicKey toVerificationKey(Map<?, ?> jwk) {
        if (!"RSA".equals(jwk.get("kty"))
                || !absentOrEqual(jwk.get("use"), "sig")
                || !absentOrEqual(jwk.get("alg"), "RS256")
                || !keyOpsAllowVerify(jwk.get("key_ops"))
                || !(jwk.get("n") instanceof String n)
                || !(jwk.get("e") instanceof String e)) {
            return null;
        }
        BigInteger modulus = unsigned(n);
        BigInteger exponent = unsigned(e);
        if (modulus == null || exponent == null || modulus.bitLength() < MIN_MODULUS_BITS
                || exponent.compareTo(BigInteger.ONE) <= 0 || !exponent.testBit(0) || exponent.bitLength() > 64) {
            return null;
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException | ClassCastException ex) {
            return null;
        }
    }

    private static boolean absentOrEqual(Object value, String expected) {
        return value == null || expected.equals(value);
    }

    private static boolean keyOpsAllowVerify(Object keyOps) {
        return keyOps == null || (keyOps instanceof List<?> ops && ops.contains("verify"));
    }

    private static BigInteger unsigned(String base64url) {
        byte[] bytes = Base64Url.decode(base64url);
        return bytes == null ? null : new BigInteger(1, bytes);
    }
}
