package com.tenantgraph.authorizer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the tokens of the tests: valid Cognito-shaped ID and access tokens by default, and every way of getting one
 * wrong on request (claims, header members, raw JSON, signing key and algorithm).
 */
public final class TestTokens {

    public static final String CLIENT_ID = "app-client-1";
    public static final String OTHER_CLIENT_ID = "app-client-other";
    public static final String SUB = "6f1c2b1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    public static final String TENANT = "t-acme-42";
    public static final String USERNAME = "alice";
    public static final String EMAIL = "alice@acme.example";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final Clock clock;

    public TestTokens(String issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A valid Cognito ID token (as cognito-local issues them, with custom:tenantId). */
    public Builder idToken() {
        long now = clock.instant().getEpochSecond();
        Builder b = new Builder();
        b.claims.put("sub", SUB);
        b.claims.put("cognito:groups", List.of("ADMIN", "MEMBER"));
        b.claims.put("email_verified", true);
        b.claims.put("iss", issuer);
        b.claims.put("cognito:username", USERNAME);
        b.claims.put("custom:tenantId", TENANT);
        b.claims.put("aud", CLIENT_ID);
        b.claims.put("event_id", "0b6e1f0c-1111-2222-3333-444455556666");
        b.claims.put("token_use", "id");
        b.claims.put("auth_time", now - 60);
        b.claims.put("exp", now + 3600);
        b.claims.put("iat", now - 60);
        b.claims.put("jti", "3c9d8e7f-aaaa-bbbb-cccc-ddddeeeeffff");
        b.claims.put("email", EMAIL);
        return b;
    }

    /** A valid Cognito access token that also carries the tenant claim (pre-token-generation trigger). */
    public Builder accessToken() {
        long now = clock.instant().getEpochSecond();
        Builder b = new Builder();
        b.claims.put("sub", SUB);
        b.claims.put("cognito:groups", List.of("MEMBER"));
        b.claims.put("iss", issuer);
        b.claims.put("client_id", CLIENT_ID);
        b.claims.put("origin_jti", "8a7b6c5d-0000-1111-2222-333344445555");
        b.claims.put("event_id", "0b6e1f0c-1111-2222-3333-444455556666");
        b.claims.put("token_use", "access");
        b.claims.put("scope", "aws.cognito.signin.user.admin");
        b.claims.put("auth_time", now - 60);
        b.claims.put("exp", now + 3600);
        b.claims.put("iat", now - 60);
        b.claims.put("jti", "3c9d8e7f-aaaa-bbbb-cccc-ddddeeeeffff");
        b.claims.put("username", USERNAME);
        b.claims.put("custom:tenantId", TENANT);
        return b;
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    /** Signs exactly these two segments, whatever they hold, with RS256 and the pool key: {@code h.p.sig}. */
    public static String signSegments(String headerSegment, String payloadSegment) {
        String input = headerSegment + "." + payloadSegment;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(TestKeys.POOL.getPrivate());
            signature.update(input.getBytes(StandardCharsets.ISO_8859_1));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three segments of a compact token. */
    public static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    /** What to sign a token with; the default is the pool's RSA key with RS256. */
    public static final class Builder {
        final Map<String, Object> header = new LinkedHashMap<>();
        final Map<String, Object> claims = new LinkedHashMap<>();
        private String rawHeader;
        private String rawPayload;
        private String signatureAlgorithm = "SHA256withRSA";
        private Key signingKey = TestKeys.POOL.getPrivate();

        Builder() {
            header.put("kid", TestKeys.POOL_KID);
            header.put("alg", "RS256");
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String claim) {
            claims.remove(claim);
            return this;
        }

        public Builder header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        public Builder withoutHeader(String name) {
            header.remove(name);
            return this;
        }

        /** Signs exactly this header JSON (for duplicate members and other text the map cannot hold). */
        public Builder rawHeader(String json) {
            this.rawHeader = json;
            return this;
        }

        /** Signs exactly this payload JSON. */
        public Builder rawPayload(String json) {
            this.rawPayload = json;
            return this;
        }

        public Builder signedWith(PrivateKey key) {
            this.signingKey = key;
            return this;
        }

        /** Signs with HMAC-SHA256 using {@code secret} as the key, whatever the header says. */
        public Builder hmacWith(byte[] secret) {
            this.signatureAlgorithm = "HmacSHA256";
            this.signingKey = new SecretKeySpec(secret, "HmacSHA256");
            return this;
        }

        public Builder ecdsaWith(PrivateKey key) {
            this.signatureAlgorithm = "SHA256withECDSAinP1363Format";
            this.signingKey = key;
            return this;
        }

        public Builder pssWith(PrivateKey key) {
            this.signatureAlgorithm = "RSASSA-PSS";
            this.signingKey = key;
            return this;
        }

        public String headerJson() {
            return rawHeader != null ? rawHeader : TestJson.write(header);
        }

        public String payloadJson() {
            return rawPayload != null ? rawPayload : TestJson.write(claims);
        }

        /** header.payload, base64url-encoded, ready to sign. */
        public String signingInput() {
            return b64(headerJson()) + "." + b64(payloadJson());
        }

        public String build() {
            String input = signingInput();
            return input + "." + b64(sign(input.getBytes(StandardCharsets.US_ASCII)));
        }

        /** header.payload. with an empty signature. */
        public String unsigned() {
            return signingInput() + ".";
        }

        private byte[] sign(byte[] input) {
            try {
                if (signatureAlgorithm.equals("HmacSHA256")) {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(signingKey);
                    return mac.doFinal(input);
                }
                Signature signature = Signature.getInstance(signatureAlgorithm);
                if (signatureAlgorithm.equals("RSASSA-PSS")) {
                    signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                signature.initSign((PrivateKey) signingKey);
                signature.update(input);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
