package com.tenantgraph.graphql.pagination;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HMAC keys of the pagination cursors, each with a key id: the first signs, every one verifies, so a secret can
 * rotate without breaking the cursors clients hold (add the new key first, keep the old one second for a while).
 *
 * <p>Sources, in order: {@code CURSOR_KEYS} ({@code kid:base64secret[,kid:base64secret…]}), or, when deployed,
 * the Secrets Manager secret named by {@code CURSOR_SECRET_ARN} (read once at init: AWSCURRENT signs, AWSPREVIOUS
 * still verifies; see {@link SecretsManagerCursorKeys}); tests and the local stack use {@link #random()}.
 */
public final class CursorKeys {
    public static final String ENV = "CURSOR_KEYS";
    static final int MIN_SECRET_BYTES = 32;
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, byte[]> secrets;
    private final String signingKid;

    private CursorKeys(Map<String, byte[]> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException(ENV + ": at least one key is required");
        }
        this.secrets = Map.copyOf(secrets);
        this.signingKid = secrets.keySet().iterator().next();
    }

    /** Keys in order: the first one signs. Each secret must have at least 32 bytes. */
    public static CursorKeys of(List<Map.Entry<String, byte[]>> keys) {
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> key : keys) {
            if (!KID.matcher(key.getKey()).matches()) {
                throw new IllegalArgumentException(ENV + ": key ids are 1 to 32 letters, digits, - or _");
            }
            if (key.getValue().length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(ENV + ": key " + key.getKey() + " is shorter than "
                        + MIN_SECRET_BYTES + " bytes");
            }
            if (ordered.putIfAbsent(key.getKey(), key.getValue().clone()) != null) {
                throw new IllegalArgumentException(ENV + ": key id " + key.getKey() + " appears twice");
            }
        }
        return new CursorKeys(ordered);
    }

    /** Parses {@code kid:base64secret[,kid:base64secret…]}; a malformed value fails the init, naming the variable. */
    public static CursorKeys parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(ENV + " is empty");
        }
        List<Map.Entry<String, byte[]>> keys = new ArrayList<>();
        for (String entry : value.split(",")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(ENV + ": each key is kid:base64secret");
            }
            try {
                keys.add(Map.entry(entry.substring(0, colon).trim(),
                        Base64.getDecoder().decode(entry.substring(colon + 1).trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV + ": the secret of " + entry.substring(0, colon)
                        + " is not base64", e);
            }
        }
        return of(keys);
    }

    /** The keys of a deployed function: CURSOR_KEYS, else the Secrets Manager secret of CURSOR_SECRET_ARN. */
    public static CursorKeys fromEnvironment(Map<String, String> env) {
        String keys = env.get(ENV);
        if (keys != null && !keys.isBlank()) {
            return parse(keys);
        }
        String arn = env.get(SecretsManagerCursorKeys.ENV);
        if (arn != null && !arn.isBlank()) {
            return SecretsManagerCursorKeys.load(arn, env.getOrDefault("AWS_REGION", "us-east-1"));
        }
        throw new IllegalArgumentException(ENV + " or " + SecretsManagerCursorKeys.ENV + " is required");
    }

    /** A fresh random key (tests, the local stack): cursors do not outlive the process, as its data does not. */
    public static CursorKeys random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return of(List.of(Map.entry("local", secret)));
    }

    /** A key from a secret string (Secrets Manager's 64 random characters), by its UTF-8 bytes. */
    static Map.Entry<String, byte[]> fromSecretString(String kid, String secret) {
        return Map.entry(kid, secret.getBytes(StandardCharsets.UTF_8));
    }

    String signingKid() {
        return signingKid;
    }

    /** The secret of a key id, or null for an unknown one. */
    byte[] secret(String kid) {
        return secrets.get(kid);
    }
}
