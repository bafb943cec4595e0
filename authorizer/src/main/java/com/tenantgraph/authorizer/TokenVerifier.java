package com.tenantgraph.authorizer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the Authorization header of one request against PRODUCT.md §3, rule by rule, in this order:
 * header shape and length, verified-token cache, compact JWS structure and strict base64url, JOSE header, key,
 * signature, then claims. Cheap structural checks run before any key lookup, so a forged or malformed token never
 * causes a JWKS fetch; claims are parsed only once the signature is good.
 *
 * <p>Thread-safe: the local API Gateway may call one instance from several threads.
 */
final class TokenVerifier {

    private static final String BEARER = "Bearer ";
    private static final int MAX_KID_LENGTH = 256;
    /** 9999-12-31T23:59:59Z: a later NumericDate is not a real expiry. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;
    /** Header members that would let the token choose its own key: keys come from the pool's JWKS only. */
    private static final List<String> EMBEDDED_KEY_MEMBERS = List.of("jku", "jwk", "x5u", "x5c");
    /** Members of a JWE header; a JWS carrying them is a confused or hostile token. */
    private static final List<String> JWE_MEMBERS = List.of("enc", "zip");

    private static final ThreadLocal<Signature> RS256 = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA256withRSA is required of every Java platform", e);
        }
    });

    /** A verification result: the token and whether it came from the cache. */
    record Verified(VerifiedToken token, boolean cached) {
    }

    private final AuthorizerConfig config;
    private final SigningKeys keys;
    private final VerifiedTokenCache cache;
    private final Clock clock;
    private final long skewSeconds;
    private final int maxHeaderLength;

    TokenVerifier(AuthorizerConfig config, SigningKeys keys, VerifiedTokenCache cache, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.cache = cache;
        this.clock = clock;
        this.skewSeconds = config.clockSkew().getSeconds();
        this.maxHeaderLength = BEARER.length() + config.maxTokenLength();
    }

    Verified verify(String authorization) throws TokenRejectedException {
        String token = bearerToken(authorization);
        // A character beyond Latin-1 becomes '?', which is not base64url: such a token can never verify, so it can
        // never collide in the cache with a verified (pure ASCII) one.
        byte[] bytes = token.getBytes(StandardCharsets.ISO_8859_1);
        long now = clock.instant().getEpochSecond();
        VerifiedTokenCache.TokenHash hash = VerifiedTokenCache.TokenHash.of(bytes);
        VerifiedToken cached = cache.get(hash, now);
        if (cached != null) {
            return new Verified(cached, true);
        }
        VerifiedToken verified = verifyUncached(bytes, now);
        cache.put(hash, verified);
        return new Verified(verified, false);
    }

    /**
     * Runs the verification path once at init on a token that must fail its signature check, so the first real
     * request does not pay for loading and first-time running the base64, JSON, SHA-256 and RSA code. Adds nothing
     * to the cache, causes no JWKS fetch (a key that is already loaded is named) and logs nothing.
     */
    void prime() {
        String kid = keys.anyKid();
        if (kid == null) {
            return;
        }
        StringBuilder header = new StringBuilder("{\"alg\":\"RS256\",\"kid\":\"");
        DecisionLog.appendEscaped(header, kid);
        header.append("\"}");
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String token = encoder.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString("{\"iss\":\"prime\",\"exp\":0}".getBytes(StandardCharsets.US_ASCII)) + "."
                + encoder.encodeToString(new byte[256]);
        byte[] bytes = token.getBytes(StandardCharsets.ISO_8859_1);
        cache.get(VerifiedTokenCache.TokenHash.of(bytes), 0);
        try {
            verifyUncached(bytes, clock.instant().getEpochSecond());
        } catch (TokenRejectedException expected) {
            // the all-zero signature never verifies
        }
    }

    /**
     * {@code Bearer <token>}: scheme in any case, one space, one token, nothing else; length checked first. Only
     * spaces need a scan here: any other character outside the base64url alphabet and '.' fails the strict decoding.
     */
    private String bearerToken(String authorization) throws TokenRejectedException {
        if (authorization == null || authorization.isEmpty()) {
            throw new TokenRejectedException(RejectReason.MISSING_TOKEN);
        }
        if (authorization.length() > maxHeaderLength) {
            throw new TokenRejectedException(RejectReason.TOKEN_TOO_LONG);
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.indexOf(' ', BEARER.length()) >= 0) {
            throw new TokenRejectedException(RejectReason.BAD_AUTHORIZATION_HEADER);
        }
        return authorization.substring(BEARER.length());
    }

    private VerifiedToken verifyUncached(byte[] token, long now) throws TokenRejectedException {
        int firstDot = -1;
        int secondDot = -1;
        int dots = 0;
        for (int i = 0; i < token.length; i++) {
            if (token[i] == '.') {
                dots++;
                if (dots == 1) {
                    firstDot = i;
                } else if (dots == 2) {
                    secondDot = i;
                }
            }
        }
        if (dots == 4) {
            throw new TokenRejectedException(RejectReason.JWE_NOT_ACCEPTED);
        }
        if (dots != 2) {
            throw new TokenRejectedException(RejectReason.NOT_COMPACT_JWS);
        }
        byte[] header = Base64Url.decode(token, 0, firstDot);
        byte[] payload = Base64Url.decode(token, firstDot + 1, secondDot);
        byte[] signature = Base64Url.decode(token, secondDot + 1, token.length);
        if (header == null || payload == null || signature == null) {
            throw new TokenRejectedException(RejectReason.BAD_BASE64URL);
        }
        String kid = checkHeader(parse(header));
        RSAPublicKey key = keys.find(kid);
        if (key == null) {
            throw new TokenRejectedException(keys.isEmpty() ? RejectReason.NO_KEYS : RejectReason.UNKNOWN_KID);
        }
        verifySignature(key, token, secondDot, signature, kid);
        return checkClaims(parse(payload), kid, now);
    }

    private static Map<String, Object> parse(byte[] json) throws TokenRejectedException {
        try {
            return StrictJson.parseObject(json);
        } catch (StrictJson.JsonException e) {
            throw new TokenRejectedException(e.duplicateMember() ? RejectReason.DUPLICATE_MEMBER : RejectReason.BAD_JSON);
        }
    }

    /** Returns the {@code kid} of a header that passes every JOSE header rule. */
    private static String checkHeader(Map<String, Object> header) throws TokenRejectedException {
        if (!"RS256".equals(header.get("alg"))) {
            throw new TokenRejectedException(RejectReason.ALG_NOT_ALLOWED);
        }
        if (header.containsKey("crit")) {
            throw new TokenRejectedException(RejectReason.CRIT_NOT_ALLOWED);
        }
        if (header.containsKey("b64")) {
            throw new TokenRejectedException(RejectReason.B64_NOT_ALLOWED);
        }
        for (String member : EMBEDDED_KEY_MEMBERS) {
            if (header.containsKey(member)) {
                throw new TokenRejectedException(RejectReason.EMBEDDED_KEY_NOT_ALLOWED);
            }
        }
        for (String member : JWE_MEMBERS) {
            if (header.containsKey(member)) {
                throw new TokenRejectedException(RejectReason.JWE_HEADER_NOT_ACCEPTED);
            }
        }
        if (!(header.get("kid") instanceof String kid) || kid.isEmpty() || kid.length() > MAX_KID_LENGTH) {
            throw new TokenRejectedException(RejectReason.MISSING_KID);
        }
        return kid;
    }

    private static void verifySignature(RSAPublicKey key, byte[] token, int signingInputLength, byte[] signature,
                                        String kid) throws TokenRejectedException {
        Signature verifier = RS256.get();
        boolean valid;
        try {
            verifier.initVerify(key);
            verifier.update(token, 0, signingInputLength);
            valid = verifier.verify(signature);
        } catch (SignatureException e) {
            valid = false; // e.g. a signature of the wrong length
        } catch (GeneralSecurityException e) {
            throw new TokenRejectedException(RejectReason.INTERNAL_ERROR, kid, null);
        }
        if (!valid) {
            throw new TokenRejectedException(RejectReason.BAD_SIGNATURE, kid, null);
        }
    }

    private VerifiedToken checkClaims(Map<String, Object> claims, String kid, long now)
            throws TokenRejectedException {
        String tokenUse = claims.get("token_use") instanceof String use && isKnownTokenUse(use) ? use : null;
        Claims c = new Claims(claims, kid, tokenUse);
        if (!config.issuer().equals(claims.get("iss"))) {
            throw c.reject(RejectReason.BAD_ISSUER);
        }
        if (tokenUse == null || !config.allowedTokenUses().contains(tokenUse)) {
            throw c.reject(RejectReason.BAD_TOKEN_USE);
        }
        boolean idToken = tokenUse.equals(AuthorizerConfig.TOKEN_USE_ID);
        checkAudience(c, idToken);
        long exp = c.numericDate("exp", RejectReason.MISSING_EXP, RejectReason.BAD_EXP);
        if (now >= exp + skewSeconds) {
            throw c.reject(RejectReason.EXPIRED);
        }
        if (claims.containsKey("nbf")
                && c.numericDate("nbf", RejectReason.BAD_NBF, RejectReason.BAD_NBF) > now + skewSeconds) {
            throw c.reject(RejectReason.NOT_YET_VALID);
        }
        if (c.numericDate("iat", RejectReason.MISSING_IAT, RejectReason.BAD_IAT) > now + skewSeconds) {
            throw c.reject(RejectReason.ISSUED_IN_FUTURE);
        }
        if (!(claims.get("sub") instanceof String sub) || !isWellFormedSub(sub)) {
            throw c.reject(RejectReason.BAD_SUB);
        }
        if (!(claims.get(config.tenantClaim()) instanceof String tenantId) || !isWellFormedTenantId(tenantId)) {
            throw c.reject(RejectReason.BAD_TENANT);
        }
        return new VerifiedToken(sub, tenantId, tokenUse, kid, exp, context(c, idToken, sub, tenantId, exp));
    }

    /** Exactly one audience rule, chosen by token_use: {@code aud} of an ID token, {@code client_id} of an access token. */
    private void checkAudience(Claims c, boolean idToken) throws TokenRejectedException {
        if (idToken) {
            // Cognito ID tokens carry aud as a single string; an array is not a token Cognito minted for an app client.
            if (!(c.claims.get("aud") instanceof String aud) || !config.allowedClientIds().contains(aud)) {
                throw c.reject(RejectReason.BAD_AUDIENCE);
            }
            return;
        }
        if (!(c.claims.get("client_id") instanceof String clientId) || !config.allowedClientIds().contains(clientId)) {
            throw c.reject(RejectReason.BAD_CLIENT_ID);
        }
    }

    private static Map<String, Object> context(Claims c, boolean idToken, String sub, String tenantId, long exp)
            throws TokenRejectedException {
        Map<String, Object> context = new HashMap<>(12);
        context.put("tenantId", tenantId);
        context.put("userId", sub);
        context.put("exp", exp);
        context.put("groups", c.groups());
        String username = c.optionalString(idToken ? "cognito:username" : "username");
        if (username != null) {
            context.put("username", username);
        }
        String email = c.optionalString("email");
        if (email != null) {
            context.put("email", email);
        }
        return context;
    }

    /** {@code ^[A-Za-z0-9_-]{1,128}$}: Cognito subs are UUIDs; nothing that could split or extend a key. */
    static boolean isWellFormedSub(String sub) {
        return sub.length() >= 1 && sub.length() <= 128 && allKeySafe(sub, 0);
    }

    /** {@code ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$}: never the '#' key delimiter, never a leading '-' or '_'. */
    static boolean isWellFormedTenantId(String tenantId) {
        return tenantId.length() >= 1 && tenantId.length() <= 64 && isAlphanumeric(tenantId.charAt(0))
                && allKeySafe(tenantId, 1);
    }

    private static boolean allKeySafe(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAlphanumeric(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isKnownTokenUse(String use) {
        return use.equals(AuthorizerConfig.TOKEN_USE_ID) || use.equals(AuthorizerConfig.TOKEN_USE_ACCESS);
    }

    /** Typed access to verified claims; every rejection carries the (known) kid and token_use for the log. */
    private static final class Claims {
        final Map<String, Object> claims;
        final String kid;
        final String tokenUse;

        Claims(Map<String, Object> claims, String kid, String tokenUse) {
            this.claims = claims;
            this.kid = kid;
            this.tokenUse = tokenUse;
        }

        TokenRejectedException reject(RejectReason reason) {
            return new TokenRejectedException(reason, kid, tokenUse);
        }

        /** A NumericDate: an integer JSON number of seconds, 0 to year 9999 (Cognito never sends fractions). */
        long numericDate(String name, RejectReason missing, RejectReason malformed) throws TokenRejectedException {
            Object value = claims.get(name);
            if (value == null) {
                throw reject(missing);
            }
            if (!(value instanceof Long seconds) || seconds < 0 || seconds > MAX_NUMERIC_DATE) {
                throw reject(malformed);
            }
            return seconds;
        }

        String optionalString(String name) throws TokenRejectedException {
            Object value = claims.get(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof String text)) {
                throw reject(RejectReason.BAD_CLAIM);
            }
            return text;
        }

        /** {@code cognito:groups} joined with ","; empty when absent. */
        String groups() throws TokenRejectedException {
            Object value = claims.get("cognito:groups");
            if (value == null) {
                return "";
            }
            if (!(value instanceof List<?> groups)) {
                throw reject(RejectReason.BAD_CLAIM);
            }
            StringBuilder joined = new StringBuilder();
            for (Object group : groups) {
                if (!(group instanceof String name)) {
                    throw reject(RejectReason.BAD_CLAIM);
                }
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(name);
            }
            return joined.toString();
        }
    }
}
