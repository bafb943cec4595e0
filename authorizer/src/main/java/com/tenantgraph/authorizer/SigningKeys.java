package com.tenantgraph.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user pool's signing keys, as nimbus-jose-jwt's key selector asks for them: preloaded at init, refreshed when a
 * token names an unknown {@code kid}, and such refreshes never more often than once per {@code minInterval} whatever
 * the number of concurrent callers.
 *
 * <p>A chain of {@link JWKSetSource}s, the top one asked with this authorizer's clock:
 * <ol>
 *   <li>nimbus's {@link CachingJWKSetSource}: holds the key set; when callers find no key for their kid it lets one
 *       of them fetch while the others wait for that fetch, and fetches only if the set they saw is still the cached
 *       one. No time-to-live: keys change only when a refresh succeeds, as Cognito's keys almost never change.</li>
 *   <li>{@link OneFetchPerInterval}: the rate limit. Ours because nimbus's {@code RateLimitedJWKSetSource} lets two
 *       fetches through per interval (the one that opens it and one more), where this authorizer has always allowed
 *       one. The init preload does not count, so a key rotated in just before a cold start is still found.</li>
 *   <li>{@link PoolJwks}: one GET of the JWKS ({@link JwksClient}: no redirects, size cap, short timeouts), parsed by
 *       nimbus and reduced to the usable keys ({@link JwksPolicy}), each fetch logged.</li>
 * </ol>
 *
 * <p>Failure handling: a failed or unparsable fetch keeps the keys we had (a JWKS outage does not break tokens
 * signed with known keys); with no keys at all every token is refused at once, and the endpoint is still asked at
 * most once per interval. A successful fetch replaces the key set as a whole, so a key the pool withdrew stops
 * verifying tokens; the listener (the verified-token cache) is told the new kids so it drops what an old key vouched
 * for.
 */
final class SigningKeys implements JWKSource<SecurityContext> {

    /** Told after a successful fetch changed the set of kids. */
    interface ChangeListener {
        void keysChanged(Set<String> kids);
    }

    private final Clock clock;
    private final SignatureProvider signatures;
    private final PoolJwks pool;
    private final JWKSetSource<SecurityContext> cache;

    /** @param signatures the provider whose own key objects the pool's keys are made into, once per fetched set */
    SigningKeys(JwksClient client, SignatureProvider signatures, Clock clock, Duration minInterval, DecisionLog log) {
        this.clock = clock;
        this.signatures = signatures;
        this.pool = new PoolJwks(client, signatures, log);
        // Callers queued behind a fetch wait at most as long as a fetch may take (JwksClient's own bound), plus a
        // second, then find the refreshed set.
        long fetchBoundMillis = client.timeBound().toMillis() + 1000;
        this.cache = new CachingJWKSetSource<>(new OneFetchPerInterval(pool, minInterval.toMillis()),
                Long.MAX_VALUE, fetchBoundMillis, null);
    }

    void onChange(ChangeListener listener) {
        pool.listener = listener;
    }

    /**
     * Loads the keys at init. A failure is logged, not thrown: the authorizer then fails closed until a refresh.
     */
    void preload() {
        try {
            cache.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), null);
        } catch (KeySourceException e) {
            // logged by PoolJwks
        }
    }

    boolean isEmpty() {
        return pool.current.keys.isEmpty();
    }

    /** Some loaded kid, or {@code null} without keys (used to prime the verification path at init). */
    String anyKid() {
        List<JWK> keys = pool.current.keys.getKeys();
        return keys.isEmpty() ? null : keys.get(0).getKeyID();
    }

    /**
     * nimbus's key selector for these keys, fixed to RS256: {@link JWSVerificationKeySelector}, whose matcher takes
     * the RSA keys with the token's kid, {@code use} "sig" or none, {@code alg} RS256 or none (and the header's
     * {@code x5t#S256}, if it has one). It hands over each JWK's Java key as converted once per fetched key set:
     * nimbus's own {@code selectJWSKeys} converts it again for every token ({@code RSAKey.toRSAPublicKey} decodes the
     * modulus and builds a {@code KeyFactory} key): about 6 µs in a micro-benchmark, a tenth or more of a token's time.
     * Each is the verifying provider's own key object ({@link SignatureProvider#ownKey}), which ACCP would otherwise
     * convert to its native form on every verify.
     *
     * <p>For a header of an RS256 algorithm and a kid only (every Cognito token), the keys come from the answer that
     * same matcher gave for that kid when the key set was loaded ({@link Loaded#rs256ByKid}): building a matcher and
     * scanning the set per token cost more than a map lookup. A kid the set does not have, or a header with a
     * thumbprint, takes the whole path (and may refresh the set).
     */
    JWSKeySelector<SecurityContext> rs256Selector() {
        return new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, this) {
            @Override
            public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
                if (JWSAlgorithm.RS256.equals(header.getAlgorithm()) && header.getX509CertSHA256Thumbprint() == null) {
                    List<Key> known = pool.current.rs256ByKid.get(header.getKeyID());
                    if (known != null) {
                        return known;
                    }
                }
                JWKMatcher matcher = createJWKMatcher(header); // null unless alg is RS256
                if (matcher == null) {
                    return List.of();
                }
                List<Key> keys = new ArrayList<>(1);
                for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
                    keys.add(publicKey(jwk));
                }
                return keys;
            }
        };
    }

    private RSAPublicKey publicKey(JWK jwk) throws KeySourceException {
        RSAPublicKey converted = pool.current.publicKeys.get(jwk);
        if (converted != null) {
            return converted;
        }
        try {
            return signatures.ownKey(jwk.toRSAKey().toRSAPublicKey()); // a JWK of a set replaced since it was selected
        } catch (JOSEException | GeneralSecurityException e) {
            throw new KeySourceException("unusable RSA key", e);
        }
    }

    /**
     * The keys {@code selector} matches, refreshing the key set first if it matches none and the rate limit allows a
     * fetch. What {@code JWKSetBasedJWKSource} does, with this authorizer's clock instead of the system's, and a
     * failed or refused refresh answered as "no such key" rather than thrown.
     *
     * @throws KeySourceException only when no key set was ever loaded and none can be fetched now
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        long now = clock.millis();
        JWKSet keys = cache.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        List<JWK> matches = selector.select(keys);
        if (!matches.isEmpty()) {
            return matches;
        }
        try {
            return selector.select(cache.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now, context));
        } catch (KeySourceException rateLimitedOrFailed) {
            return List.of(); // the kid stays unknown; the cached keys stay as they were
        }
    }

    /** At most one fetch per interval, the first one (the init preload) not counted. */
    private static final class OneFetchPerInterval extends JWKSetSourceWrapper<SecurityContext> {
        private final long intervalMillis;
        private boolean preloaded;
        private boolean attempted;
        private long lastAttemptMillis;

        OneFetchPerInterval(JWKSetSource<SecurityContext> source, long intervalMillis) {
            super(source);
            this.intervalMillis = intervalMillis;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
                throws KeySourceException {
            synchronized (this) {
                if (!preloaded) {
                    preloaded = true;
                } else if (attempted && currentTime >= lastAttemptMillis
                        && currentTime - lastAttemptMillis < intervalMillis) {
                    throw new RateLimitReachedException();
                } else {
                    attempted = true;
                    lastAttemptMillis = currentTime;
                }
            }
            return getSource().getJWKSet(evaluator, currentTime, context);
        }
    }

    /**
     * A fetched key set, the Java key of each of its JWKs (by identity: the set's own JWK objects) as the verifying
     * provider's own key object, and for each kid the keys nimbus's matcher selects for an RS256 header naming that
     * kid (the kids it selects none for are absent).
     */
    private record Loaded(JWKSet keys, Map<JWK, RSAPublicKey> publicKeys, Map<String, List<Key>> rs256ByKid) {

        static final Loaded NONE = new Loaded(new JWKSet(), Map.of(), Map.of());

        static Loaded of(JWKSet keys, SignatureProvider signatures) throws JOSEException, GeneralSecurityException {
            Map<JWK, RSAPublicKey> publicKeys = new IdentityHashMap<>();
            for (JWK key : keys.getKeys()) {
                publicKeys.put(key, signatures.ownKey(((RSAKey) key).toRSAPublicKey()));
            }
            Map<String, List<Key>> rs256ByKid = new HashMap<>();
            for (JWK key : keys.getKeys()) {
                String kid = key.getKeyID();
                if (kid == null || rs256ByKid.containsKey(kid)) {
                    continue;
                }
                JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
                List<Key> selected = new ArrayList<>(1);
                for (JWK jwk : new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys)) {
                    selected.add(publicKeys.get(jwk));
                }
                if (!selected.isEmpty()) {
                    rs256ByKid.put(kid, List.copyOf(selected));
                }
            }
            return new Loaded(keys, publicKeys, Map.copyOf(rs256ByKid));
        }
    }

    /** One GET of the pool's JWKS, reduced to the usable keys; logs every fetch and tells the listener of changes. */
    private static final class PoolJwks implements JWKSetSource<SecurityContext> {
        private final JwksClient client;
        private final SignatureProvider signatures;
        private final DecisionLog log;
        /** The keys of the last successful fetch: what the cache above holds. */
        volatile Loaded current = Loaded.NONE;
        volatile ChangeListener listener = kids -> { };

        PoolJwks(JwksClient client, SignatureProvider signatures, DecisionLog log) {
            this.client = client;
            this.signatures = signatures;
            this.log = log;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
                throws KeySourceException {
            long started = System.nanoTime();
            Loaded fetched;
            try {
                fetched = Loaded.of(JwksPolicy.usableKeys(client.fetch()), signatures);
            } catch (IOException | JwksPolicy.InvalidJwksException | JOSEException | GeneralSecurityException
                     | RuntimeException e) {
                log.jwksRefreshFailed(e, current.keys.size(), elapsedMillis(started));
                throw new JWKSetUnavailableException("JWKS fetch failed", e);
            }
            Set<String> previousKids = kids(current.keys);
            current = fetched;
            log.jwksRefreshed(fetched.keys.size(), elapsedMillis(started));
            Set<String> kids = kids(fetched.keys);
            if (!kids.equals(previousKids)) {
                listener.keysChanged(kids);
            }
            return fetched.keys;
        }

        private static Set<String> kids(JWKSet keys) {
            Set<String> kids = new HashSet<>();
            for (JWK key : keys.getKeys()) {
                kids.add(key.getKeyID());
            }
            return kids;
        }

        private static long elapsedMillis(long startedNanos) {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }

        @Override
        public void close() {
            // nothing held open: every fetch opens and closes its own connection
        }
    }
}
