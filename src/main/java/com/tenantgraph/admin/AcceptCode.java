package com.tenantgraph.admin;

import com.tenantgraph.data.Sha256;
import com.tenantgraph.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code that accepts an invitation: {@code <tenantId>.<secret>}, the secret 128 random bits (base64url, 22
 * characters) from {@link SecureRandom}. The ADMIN is shown it once (inviteUser's payload) and passes it on; the
 * invitee signs up with it in {@code custom:invitation}. Only {@link #secretHash()} (SHA-256, hex) is stored: a
 * reader of the table cannot accept anything. The tenant id in the code only says where to look; the invitation
 * itself is found by that tenant and the email the person signs up with (and must confirm), so a code is worth
 * nothing for another email, and nothing once used, revoked, re-issued or expired.
 */
public record AcceptCode(TenantId tenant, String secret) {
    private static final int SECRET_BYTES = 16;
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh code for an invitation of {@code tenant}. */
    public static AcceptCode issue(TenantId tenant) {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return new AcceptCode(tenant, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The code in {@code value}, or empty when it is not one (never an exception: it is untrusted input). */
    public static Optional<AcceptCode> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String code = value.strip();
        int dot = code.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String tenant = code.substring(0, dot);
        String secret = code.substring(dot + 1);
        if (!TenantId.isWellFormed(tenant) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new AcceptCode(TenantId.of(tenant), secret));
    }

    public String secretHash() {
        return Sha256.hex(secret);
    }

    /** Whether this code's secret is the one {@code storedHash} was made from (constant time). */
    public boolean matches(String storedHash) {
        return storedHash != null && MessageDigest.isEqual(secretHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The code as the person types or pastes it. */
    public String value() {
        return tenant.value() + "." + secret;
    }

    @Override
    public String toString() {
        return "AcceptCode[" + tenant.value() + ".***]";
    }
}
