package com.tenantgraph.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of the code base, as lowercase hex of the UTF-8 bytes: the idempotency key parts and request
 * fingerprints, and the tenant id derived from a founder's user id, and the GraphiQL page's ETag. Every JDK ships SHA-256, so its absence is a
 * broken runtime, not a condition to handle.
 */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(bytes(text));
    }

    /** The digest itself, for callers that encode it otherwise (the GraphiQL page's ETag is base64url). */
    public static byte[] bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
