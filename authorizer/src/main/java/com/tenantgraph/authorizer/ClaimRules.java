package com.tenantgraph.authorizer;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.util.DateUtils;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of a token whose signature is good: nimbus-jose-jwt's {@link DefaultJWTClaimsVerifier} checks the exact
 * issuer and the {@code exp}/{@code nbf} window with the configured skew; the rules after it are the ones nimbus does
 * not make, each with its own reason code:
 * <ul>
 *   <li>{@code token_use} is an allowed one, and exactly one audience rule by it: an ID token's {@code aud} is a
 *       single allowed string (nimbus's audience check would accept an array containing it), an access token's
 *       {@code client_id} is allowed (nimbus has no such rule);</li>
 *   <li>{@code exp} and {@code iat} present, and every NumericDate an integer JSON number up to the year 9999 (nimbus
 *       reads {@code 1.5} as {@code 1} and treats an absent {@code exp} as "never expires");</li>
 *   <li>{@code iat} not after now + skew (nimbus does not look at {@code iat});</li>
 *   <li>{@code sub} and the tenant claim key-safe, so neither can extend a DynamoDB key; the context's optional
 *       claims of the expected JSON types.</li>
 * </ul>
 * nimbus's required-claims check is not used: it names every missing claim in one message, where each of these
 * rules has its own reason code and a type rule beside it.
 */
final class ClaimRules {

    /** 9999-12-31T23:59:59Z: a later NumericDate is not a real expiry. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    private final AuthorizerConfig config;
    private final Clock clock;
    private final long skewSeconds;
    private final DefaultJWTClaimsVerifier<SecurityContext> nimbusVerifier;

    ClaimRules(AuthorizerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.skewSeconds = config.clockSkew().getSeconds();
        this.nimbusVerifier = nimbusVerifier(config, clock);
    }

    /**
     * nimbus's claims verifier as this authorizer configures it: {@code iss} exactly the pool's issuer (and so
     * required), {@code exp} and {@code nbf} checked with the configured skew, on the given clock.
     *
     * <p>NumericDates are whole seconds and nimbus compares milliseconds with strict inequalities on both sides
     * ({@code exp + skew > now}, {@code nbf - skew < now}). It is given the last millisecond of the current second as
     * "now", which makes both rules exact to the second: refused when {@code now >= exp + skew} or
     * {@code nbf > now + skew}, as the rule table says.
     */
    static DefaultJWTClaimsVerifier<SecurityContext> nimbusVerifier(AuthorizerConfig config, Clock clock) {
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of()) {
            @Override
            protected Date currentTime() {
                return new Date(clock.instant().getEpochSecond() * 1000 + 999);
            }
        };
        verifier.setMaxClockSkew(Math.toIntExact(config.clockSkew().getSeconds()));
        return verifier;
    }

    /**
     * @param claims the payload as nimbus parsed it
     * @param kid    the key that verified the signature (logged with a rejection)
     */
    VerifiedToken check(Map<String, Object> claims, String kid) throws TokenRejectedException {
        String tokenUse = claims.get("token_use") instanceof String use && isKnownTokenUse(use) ? use : null;
        Claims c = new Claims(claims, kid, tokenUse);
        JWTClaimsSet window = issuerAndWindow(claims);
        if (window == null) {
            // a registered claim of a JSON type nimbus refuses; name which rule that breaks
            throw c.reject(!(claims.get("iss") instanceof String) ? RejectReason.BAD_ISSUER : ourRulesBroken(c));
        }
        try {
            nimbusVerifier.verify(window, null);
        } catch (ExpiredJWTException e) {
            throw c.reject(RejectReason.EXPIRED);
        } catch (BadJWTException e) {
            // the issuer is checked before the time window, so a right issuer means nbf was the reason
            throw c.reject(config.issuer().equals(window.getIssuer()) ? RejectReason.NOT_YET_VALID : RejectReason.BAD_ISSUER);
        }
        return ourRules(c);
    }

    /**
     * The claims set nimbus's claims verifier is given: what it reads, as configured here ({@code iss}, {@code exp},
     * {@code nbf}), or {@code null} when a registered claim has a JSON type that nimbus's {@link JWTClaimsSet#parse}
     * refuses. The types are that parser's (a JSON null counts as absent): {@code iss} and {@code jti} strings,
     * {@code sub} a string or a number, {@code aud} a string or an array of strings, {@code exp}, {@code nbf} and
     * {@code iat} numbers; a NumericDate becomes a date as it makes one
     * ({@link DateUtils#fromSecondsSinceEpoch} of the number's {@code longValue}).
     *
     * <p>Built rather than parsed: {@code JWTClaimsSet.parse} would copy the registered claims, already read by the
     * strict parse, into a builder and then into the set, type-checking each by reflection, for the verifier to read
     * three of them. The set holds exactly the values the parsed one held for those three.
     */
    static JWTClaimsSet issuerAndWindow(Map<String, Object> claims) {
        Object iss = claims.get("iss");
        Object exp = claims.get("exp");
        Object nbf = claims.get("nbf");
        Object sub = claims.get("sub");
        if (!isNullOr(iss, String.class) || !isNullOr(claims.get("jti"), String.class)
                || !(isNullOr(sub, String.class) || sub instanceof Number) || !isAudience(claims.get("aud"))
                || !isNullOr(exp, Number.class) || !isNullOr(nbf, Number.class)
                || !isNullOr(claims.get("iat"), Number.class)) {
            return null;
        }
        JWTClaimsSet.Builder window = new JWTClaimsSet.Builder().issuer((String) iss);
        if (exp != null) {
            window.expirationTime(DateUtils.fromSecondsSinceEpoch(((Number) exp).longValue()));
        }
        if (nbf != null) {
            window.notBeforeTime(DateUtils.fromSecondsSinceEpoch(((Number) nbf).longValue()));
        }
        return window.build();
    }

    private static boolean isNullOr(Object value, Class<?> type) {
        return value == null || type.isInstance(value);
    }

    /** {@code aud} as nimbus's parser takes it: absent or null, a string, or an array of strings only. */
    private static boolean isAudience(Object aud) {
        if (aud == null || aud instanceof String) {
            return true;
        }
        if (!(aud instanceof List<?> values)) {
            return false;
        }
        for (Object value : values) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private RejectReason ourRulesBroken(Claims c) {
        try {
            ourRules(c);
            return RejectReason.BAD_CLAIM; // e.g. a jti that is not a string
        } catch (TokenRejectedException e) {
            return e.toRejected().reason();
        }
    }

    private VerifiedToken ourRules(Claims c) throws TokenRejectedException {
        if (c.tokenUse == null || !config.allowedTokenUses().contains(c.tokenUse)) {
            throw c.reject(RejectReason.BAD_TOKEN_USE);
        }
        boolean idToken = c.tokenUse.equals(AuthorizerConfig.TOKEN_USE_ID);
        checkAudience(c, idToken);
        long exp = c.numericDate("exp", RejectReason.MISSING_EXP, RejectReason.BAD_EXP);
        if (c.claims.containsKey("nbf")) {
            c.numericDate("nbf", RejectReason.BAD_NBF, RejectReason.BAD_NBF);
        }
        long now = clock.instant().getEpochSecond();
        if (c.numericDate("iat", RejectReason.MISSING_IAT, RejectReason.BAD_IAT) > now + skewSeconds) {
            throw c.reject(RejectReason.ISSUED_IN_FUTURE);
        }
        if (!(c.claims.get("sub") instanceof String sub) || !isWellFormedSub(sub)) {
            throw c.reject(RejectReason.BAD_SUB);
        }
        if (!(c.claims.get(config.tenantClaim()) instanceof String tenantId) || !isWellFormedTenantId(tenantId)) {
            throw c.reject(RejectReason.BAD_TENANT);
        }
        return new VerifiedToken(sub, tenantId, c.tokenUse, c.kid, exp, context(c, idToken, sub, tenantId, exp));
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

    /**
     * Typed access to the claims as nimbus parsed them (integers are {@code Long}, other numbers {@code Double},
     * JSON null a present key with a null value); every rejection carries the (known) kid and token_use for the log.
     */
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
            if (!claims.containsKey(name)) {
                throw reject(missing);
            }
            if (!(claims.get(name) instanceof Long seconds) || seconds < 0 || seconds > MAX_NUMERIC_DATE) {
                throw reject(malformed);
            }
            return seconds;
        }

        /** A claim that may be absent, but when present (even as JSON null) must be a string. */
        String optionalString(String name) throws TokenRejectedException {
            if (!claims.containsKey(name)) {
                return null;
            }
            Object value = claims.get(name);
            if (!(value instanceof String text)) {
                throw reject(RejectReason.BAD_CLAIM);
            }
            return text;
        }

        /** {@code cognito:groups} joined with ","; empty when absent. */
        String groups() throws TokenRejectedException {
            if (!claims.containsKey("cognito:groups")) {
                return "";
            }
            Object value = claims.get("cognito:groups");
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
