package com.tenantgraph.authorizer;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The user pool's verification keys by {@code kid}: preloaded at init, refreshed when a token names an unknown
 * {@code kid}, and such refreshes never more often than once per {@code minInterval} whatever the number of
 * concurrent callers.
 *
 * <p>Failure handling: a failed or unparsable fetch keeps the keys we had (a JWKS outage does not break tokens
 * signed with known keys); with no keys at all every token is refused at once, and the endpoint is still asked at
 * most once per interval. A successful fetch replaces the key set as a whole, so a key the pool withdrew stops
 * verifying tokens; listeners (the verified-token cache) are told so they drop what that key vouched for.
 */
final class SigningKeys {

    /** Told after a successful fetch changed the key set. */
    interface ChangeListener {
        void keysChanged(Map<String, RSAPublicKey> previous, Map<String, RSAPublicKey> current);
    }

    private final JwksClient client;
    private final Clock clock;
    private final Duration minInterval;
    private final DecisionLog log;
    private final Object refreshLock = new Object();
    private volatile Map<String, RSAPublicKey> keys = Map.of();
    private volatile ChangeListener listener = (previous, current) -> { };
    /** Guarded by {@link #refreshLock}. */
    private Instant lastAttempt;

    SigningKeys(JwksClient client, Clock clock, Duration minInterval, DecisionLog log) {
        this.client = client;
        this.clock = clock;
        this.minInterval = minInterval;
        this.log = log;
    }

    void onChange(ChangeListener listener) {
        this.listener = listener;
    }

    /**
     * Loads the keys at init. A failure is logged, not thrown: the authorizer then fails closed until a refresh.
     * The preload does not count against the refresh interval, so a kid rotated in just before a cold start is
     * still looked up by the first request that names it.
     */
    void preload() {
        synchronized (refreshLock) {
            fetch();
        }
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Some loaded kid, or {@code null} without keys (used to prime the verification path at init). */
    String anyKid() {
        Map<String, RSAPublicKey> current = keys;
        return current.isEmpty() ? null : current.keySet().iterator().next();
    }

    /**
     * The key for {@code kid}, refreshing the JWKS first if it is unknown and the rate limit allows a fetch.
     *
     * @return the key, or {@code null} if the pool does not (or, during an outage, cannot be seen to) publish it
     */
    RSAPublicKey find(String kid) {
        RSAPublicKey key = keys.get(kid);
        if (key != null) {
            return key;
        }
        refreshIfAllowed();
        return keys.get(kid);
    }

    /**
     * Fetches the JWKS unless a fetch was attempted less than {@code minInterval} ago. Callers that queue here while
     * another thread fetches find the attempt recorded and return at once, then look the key up in the new set.
     */
    private void refreshIfAllowed() {
        synchronized (refreshLock) {
            Instant now = clock.instant();
            if (lastAttempt != null && !now.isBefore(lastAttempt) && now.isBefore(lastAttempt.plus(minInterval))) {
                return;
            }
            lastAttempt = now;
            fetch();
        }
    }

    private void fetch() {
        long started = System.nanoTime();
        try {
            Map<String, RSAPublicKey> fetched = JwksParser.parse(client.fetch());
            Map<String, RSAPublicKey> previous = keys;
            keys = fetched;
            log.jwksRefreshed(fetched.size(), elapsedMillis(started));
            if (!fetched.equals(previous)) {
                listener.keysChanged(previous, fetched);
            }
        } catch (IOException | JwksParser.InvalidJwksException | RuntimeException e) {
            log.jwksRefreshFailed(e, keys.size(), elapsedMillis(started));
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
