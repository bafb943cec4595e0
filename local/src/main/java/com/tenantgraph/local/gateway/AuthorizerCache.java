package com.tenantgraph.local.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API Gateway's authorizer result cache: the authorizer's policy (Allow and Deny alike), keyed by the token value
 * (the whole Authorization header), kept for the TTL; a TTL of zero disables it. What is cached is the policy, not a
 * decision: each request evaluates it against its own method ARN, as API Gateway does. Bounded: past
 * {@link #MAX_ENTRIES} tokens, expired entries are dropped, and if that is not enough the cache starts over.
 */
final class AuthorizerCache {
    static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(AuthorizerPolicy policy, long expiresAtNanos) {
    }

    AuthorizerCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    Optional<AuthorizerPolicy> get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry)) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        return Optional.of(entry.policy());
    }

    void put(String token, AuthorizerPolicy policy) {
        if (ttlNanos == 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            evict();
        }
        entries.put(token, new Entry(policy, nanoTime.getAsLong() + ttlNanos));
    }

    private void evict() {
        entries.values().removeIf(this::expired);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
    }

    private boolean expired(Entry entry) {
        return nanoTime.getAsLong() - entry.expiresAtNanos() >= 0;
    }
}
