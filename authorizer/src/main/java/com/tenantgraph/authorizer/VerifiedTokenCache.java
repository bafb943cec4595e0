package com.tenantgraph.authorizer;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verified tokens by the SHA-256 of their text, so a token seen again skips the signature check and the parsing.
 *
 * <p>Bounded (least recently used entries go first) and never serving an entry at or past its token's {@code exp}:
 * the skew tolerance applies only to a full verification, never to a cached answer. Holding the hash rather than the
 * token keeps the token itself out of memory dumps beyond the call. Entries of a key the pool withdrew are dropped
 * when the key set changes.
 */
final class VerifiedTokenCache {

    static final int DEFAULT_MAX_ENTRIES = 1000;

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    /** The SHA-256 of a token, as four longs: cheap equals and hashCode, no array copies. */
    record TokenHash(long a, long b, long c, long d) {

        static TokenHash of(byte[] token) {
            ByteBuffer digest = ByteBuffer.wrap(SHA_256.get().digest(token));
            return new TokenHash(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
        }
    }

    private final Map<TokenHash, VerifiedToken> entries;

    VerifiedTokenCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 4 / 3 + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<TokenHash, VerifiedToken> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached verification, or {@code null} if there is none or the token has expired. */
    synchronized VerifiedToken get(TokenHash hash, long nowEpochSecond) {
        VerifiedToken token = entries.get(hash);
        if (token == null) {
            return null;
        }
        if (nowEpochSecond >= token.exp()) {
            entries.remove(hash);
            return null;
        }
        return token;
    }

    synchronized void put(TokenHash hash, VerifiedToken token) {
        entries.put(hash, token);
    }

    /** Drops every entry verified with a key that is no longer published. */
    synchronized void retainKids(Set<String> kids) {
        entries.values().removeIf(token -> !kids.contains(token.kid()));
    }

    synchronized int size() {
        return entries.size();
    }
}
