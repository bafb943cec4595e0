package com.tenantgraph.graphql;

import com.tenantgraph.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque, stable global ids: base64url of {@code <Type>:<key part>[:<key part>…]}. They encode the type and the primary
 * key inside the tenant, never the tenant (it comes from the token) and nothing that can change (like a project key).
 * A decoded id is only ever used together with the caller's tenant, so another tenant's id behaves like a missing one.
 */
public record GlobalId(String type, List<String> keyParts) {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_ENCODED_LENGTH = 512;

    public GlobalId {
        keyParts = List.copyOf(keyParts);
    }

    public static String encode(String type, String... keyParts) {
        String raw = type + ":" + String.join(":", keyParts);
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes {@code id}; a malformed id is BAD_USER_INPUT on {@code field}. */
    public static GlobalId decode(String id, String field) {
        if (id == null || id.isEmpty() || id.length() > MAX_ENCODED_LENGTH) {
            throw ApiException.badInput(field, "Malformed id");
        }
        String raw;
        try {
            raw = new String(DECODER.decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badInput(field, "Malformed id");
        }
        String[] parts = raw.split(":", -1);
        if (parts.length < 2 || Arrays.stream(parts).anyMatch(String::isEmpty) || !encode(parts[0],
                Arrays.copyOfRange(parts, 1, parts.length)).equals(id)) {
            throw ApiException.badInput(field, "Malformed id");
        }
        return new GlobalId(parts[0], List.of(Arrays.copyOfRange(parts, 1, parts.length)));
    }
}
