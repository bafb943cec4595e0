package com.tenantgraph.authorizer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which keys of the pool's JWK Set the authorizer may verify with. nimbus-jose-jwt parses the document
 * ({@link StrictJson}, then {@link JWKSet#parse(java.util.Map)}); this keeps only the keys this authorizer trusts, which is stricter than nimbus's key
 * matching (that takes any RSA key with the token's kid, {@code use} "sig" or none and {@code alg} RS256 or none).
 *
 * <p>A key is kept only if it is an RSA key with a non-empty {@code kid}, {@code use} "sig" and {@code alg} "RS256"
 * where given, {@code key_ops} including "verify" where given, canonical base64url {@code n} and {@code e}, a modulus
 * of at least {@value #MIN_MODULUS_BITS} bits and an odd public exponent above 1. Other keys are ignored, not fatal:
 * a pool may publish more than we use. A {@code kid} that appears twice is dropped altogether, since we could not tell
 * which key it means (nimbus would try both). A document that is not strict JSON (see {@link StrictJson}) or that
 * nimbus cannot read as a JWK Set is refused as a whole, so a broken response never replaces good cached keys.
 */
final class JwksPolicy {

    static final int MIN_MODULUS_BITS = 2048;

    private JwksPolicy() {
    }

    /** Thrown for a document that is not a JWK Set at all. */
    static final class InvalidJwksException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJwksException(String message) {
            super(message, null, false, false);
        }
    }

    /** The usable keys of a JWK Set document, in document order. */
    static JWKSet usableKeys(byte[] document) throws InvalidJwksException {
        JWKSet published;
        try {
            published = JWKSet.parse(StrictJson.parseObject(document));
        } catch (StrictJson.JsonException e) {
            throw new InvalidJwksException("JWKS is not strict JSON: " + e.getMessage());
        } catch (ParseException e) {
            throw new InvalidJwksException("JWKS is not a JWK Set: " + e.getMessage());
        }
        Map<String, JWK> usable = new LinkedHashMap<>();
        Set<String> duplicated = new HashSet<>();
        for (JWK key : published.getKeys()) {
            if (key instanceof RSAKey rsa && isUsable(rsa) && usable.putIfAbsent(rsa.getKeyID(), rsa) != null) {
                duplicated.add(rsa.getKeyID());
            }
        }
        usable.keySet().removeAll(duplicated);
        return new JWKSet(new ArrayList<>(usable.values()));
    }

    private static boolean isUsable(RSAKey key) {
        if (key.getKeyID() == null || key.getKeyID().isEmpty()
                || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))
                || (key.getAlgorithm() != null && !JWSAlgorithm.RS256.getName().equals(key.getAlgorithm().getName()))
                || (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY))
                || !Base64Url.isCanonical(key.getModulus().toString())
                || !Base64Url.isCanonical(key.getPublicExponent().toString())) {
            return false;
        }
        BigInteger modulus = key.getModulus().decodeToBigInteger();
        BigInteger exponent = key.getPublicExponent().decodeToBigInteger();
        return modulus.bitLength() >= MIN_MODULUS_BITS
                && exponent.compareTo(BigInteger.ONE) > 0 && exponent.testBit(0) && exponent.bitLength() <= 64;
    }
}
