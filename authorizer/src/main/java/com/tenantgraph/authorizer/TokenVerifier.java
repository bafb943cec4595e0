package com.tenantgraph.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a user pool token against the policy of docs/security.md (rule 10) with nimbus-jose-jwt, behind a thin layer that refuses what nimbus
 * alone would accept. The one entry point is {@link #verify(String)}: the TOKEN authorizer calls it with the token
 * of the {@code Authorization} header, and any other deployable that receives a pool token can do the same.
 *
 * <p>In this order (cheap checks before any key lookup, so a forged or malformed token never causes a JWKS fetch,
 * and claims read only once the signature is good):
 * <ol>
 *   <li>length, then the verified-token cache;</li>
 *   <li>ours ({@link StrictJws}): three strict, canonical base64url parts; the header strict JSON without duplicate
 *       members; the JOSE header rules, on the header as nimbus's JSON parser read it;</li>
 *   <li>nimbus: {@link JWSHeader#parse} reads that header; nimbus's {@code JWSVerificationKeySelector} fixed to RS256
 *       takes the key for its kid from the pool's JWKS ({@link SigningKeys#rs256Selector()}); {@link RSASSAVerifier},
 *       with the JCA provider chosen at init ({@link SignatureProvider}: ACCP, or the JDK's if ACCP does not load),
 *       checks the signature over the segments exactly as sent;</li>
 *   <li>the payload parsed by nimbus, strict JSON without duplicate members (ours);</li>
 *   <li>claims ({@link ClaimRules}): nimbus's claims verifier for the exact issuer and the exp/nbf window, then the
 *       rules nimbus does not make.</li>
 * </ol>
 * These are the parts of nimbus's {@code SignedJWT} and {@code DefaultJWTProcessor}, called one by one. The processor
 * is not used because it reads the claims before it verifies the signature and reports every failure as a message,
 * where each rule here has its own reason code; {@code SignedJWT} is not, because it would decode and parse the header
 * a second time after our rules read it.
 *
 * <p>Thread-safe: the local API Gateway calls one instance from several threads.
 */
public final class TokenVerifier {

    private static final int MAX_VERIFIED_HEADERS = 64;

    private final SigningKeys keys;
    private final JWSKeySelector<SecurityContext> keySelector;
    private final ClaimRules claimRules;
    private final VerifiedTokenCache cache;
    private final Clock clock;
    private final int maxTokenLength;
    private final SignatureProvider signatures;
    /**
     * Header segments already seen on a token whose signature verified, with what {@link #checkHeader} made of them.
     * Every token a pool key signs carries the same header text ({@code {"kid":"...","alg":"RS256"}}), and the checks
     * are a function of that text alone, so they run once per header, not once per token; the key is still selected
     * for every token (a withdrawn key stops verifying at once). Only a header under a good signature is kept, so
     * no one but the pool can add one, and a few are ever expected: the bound is a guard.
     */
    private final Map<String, CheckedHeader> verifiedHeaders = new ConcurrentHashMap<>();

    private TokenVerifier(AuthorizerConfig config, SigningKeys keys, SignatureProvider signatures, Clock clock) {
        this.keys = keys;
        this.keySelector = keys.rs256Selector();
        this.claimRules = new ClaimRules(config, clock);
        this.cache = new VerifiedTokenCache(VerifiedTokenCache.DEFAULT_MAX_ENTRIES);
        this.clock = clock;
        this.maxTokenLength = config.maxTokenLength();
        this.signatures = signatures;
        keys.onChange(cache::retainKids);
    }

    /**
     * Builds a verifier for the configured pool, loads its JWKS and runs the verification code once, so the first
     * token pays for neither.
     *
     * @param config  the validated configuration
     * @param logSink receives one JSON line per JWKS fetch
     * @param clock   decides token expiry and the JWKS refresh interval
     */
    public static TokenVerifier start(AuthorizerConfig config, LogSink logSink, Clock clock) {
        DecisionLog log = new DecisionLog(logSink);
        SignatureProvider signatures = SignatureProvider.choose(config.signatureProvider(), log);
        SigningKeys keys = new SigningKeys(
                new JwksClient(config.jwksUrl(), config.jwksConnectTimeout(), config.jwksReadTimeout(),
                        config.jwksMaxBytes()),
                signatures, clock, config.jwksRefreshMinInterval(), log);
        TokenVerifier verifier = new TokenVerifier(config, keys, signatures, clock);
        keys.preload();
        verifier.prime();
        return verifier;
    }

    /**
     * Verifies one token (the compact JWS itself, without a {@code Bearer} scheme). Never throws: anything
     * unexpected is a rejection for {@code internal_error}, so a caller fails closed.
     */
    public Verification verify(String token) {
        try {
            return verifyOrReject(token);
        } catch (TokenRejectedException e) {
            return e.toRejected();
        } catch (RuntimeException e) {
            return Verification.Rejected.of(RejectReason.INTERNAL_ERROR); // fail closed, and never echo the cause
        }
    }

    private Verification verifyOrReject(String token) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException(RejectReason.MISSING_TOKEN);
        }
        if (token.length() > maxTokenLength) {
            throw new TokenRejectedException(RejectReason.TOKEN_TOO_LONG);
        }
        // A character beyond Latin-1 becomes '?', which is not base64url: such a token can never verify, so it can
        // never collide in the cache with a verified (pure ASCII) one.
        byte[] latin1 = token.getBytes(StandardCharsets.ISO_8859_1);
        VerifiedTokenCache.TokenHash hash = VerifiedTokenCache.TokenHash.of(latin1);
        VerifiedToken cached = cache.get(hash, clock.instant().getEpochSecond());
        if (cached != null) {
            return new Verification.Verified(cached, true);
        }
        VerifiedToken verified = verifyUncached(latin1);
        cache.put(hash, verified);
        return new Verification.Verified(verified, false);
    }

    /** @param token the token's Latin-1 bytes, as hashed for the cache */
    private VerifiedToken verifyUncached(byte[] token) throws TokenRejectedException {
        StrictJws.Segments segments = StrictJws.split(token);
        CheckedHeader header = verifiedHeaders.get(segments.header());
        boolean seen = header != null;
        if (!seen) {
            header = checkHeader(segments);
        }
        verifySignature(header.header(), segments, header.kid());
        if (!seen && verifiedHeaders.size() < MAX_VERIFIED_HEADERS) {
            verifiedHeaders.put(segments.header(), header);
        }
        // The signature is good, so the kid names a key of the pool's JWKS and may be logged from here on.
        return claimRules.check(StrictJws.parseStrictJson(segments.payloadJson()), header.kid());
    }

    /** A header segment that passed every header rule, as nimbus parsed it, and its kid. */
    private record CheckedHeader(JWSHeader header, String kid) {
    }

    /** The header rules ({@link StrictJws}) and nimbus's {@link JWSHeader#parse}, on the segment's strict JSON. */
    private static CheckedHeader checkHeader(StrictJws.Segments segments) throws TokenRejectedException {
        Map<String, Object> members = StrictJws.parseStrictJson(segments.headerJson());
        String kid = StrictJws.checkHeader(members);
        try {
            return new CheckedHeader(JWSHeader.parse(members, new Base64URL(segments.header())), kid);
        } catch (ParseException e) {
            throw new TokenRejectedException(RejectReason.BAD_JSON); // a registered header member of the wrong type
        }
    }

    private void verifySignature(JWSHeader header, StrictJws.Segments segments, String kid)
            throws TokenRejectedException {
        List<? extends Key> candidates;
        try {
            candidates = keySelector.selectJWSKeys(header, null);
        } catch (KeySourceException e) {
            candidates = List.of(); // no key set was ever loaded, and none could be fetched now
        }
        if (candidates.isEmpty()) {
            throw new TokenRejectedException(keys.isEmpty() ? RejectReason.NO_KEYS : RejectReason.UNKNOWN_KID);
        }
        byte[] signingInput = segments.signingInput();
        Base64URL signature = strictlyDecoded(segments);
        try {
            for (Key candidate : candidates) {
                if (candidate instanceof RSAPublicKey key && signatures.verifier(key).verify(header, signingInput, signature)) {
                    return;
                }
            }
        } catch (JOSEException e) {
            throw new TokenRejectedException(RejectReason.INTERNAL_ERROR, kid, null);
        }
        throw new TokenRejectedException(RejectReason.BAD_SIGNATURE, kid, null);
    }

    /**
     * The signature segment as nimbus's verifier takes it, decoded by the JDK's strict decoder rather than nimbus's
     * lenient one (the segment is canonical base64url, so both read the same bytes). nimbus's decoder is a
     * byte-by-byte loop that skips what it does not know: about 2.5 µs for a 342-character RSA-2048 signature in a
     * micro-benchmark, against well under 0.1 µs for the JDK's.
     */
    private static Base64URL strictlyDecoded(StrictJws.Segments segments) {
        return new Base64URL(segments.signatureText()) {
            private static final long serialVersionUID = 1L;

            @Override
            public byte[] decode() {
                return segments.signature();
            }
        };
    }

    /**
     * Runs the verification path once at init on a token that must fail its signature check, and the claim rules on
     * claims that must fail, so the first real request does not pay for loading and first-time running nimbus's
     * parser, key selection, RSA verifier and claims verifier. Adds nothing to the cache, causes no JWKS fetch (a key
     * that is already loaded is named) and logs nothing.
     */
    private void prime() {
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
        byte[] latin1 = token.getBytes(StandardCharsets.ISO_8859_1);
        cache.get(VerifiedTokenCache.TokenHash.of(latin1), 0);
        try {
            verifyUncached(latin1);
        } catch (TokenRejectedException expected) {
            // the all-zero signature never verifies
        }
        try {
            claimRules.check(Map.of("iss", "prime", "exp", 0L, "token_use", "id"), kid);
        } catch (TokenRejectedException expected) {
            // "prime" is not the pool's issuer
        }
    }
}
