package com.tenantgraph.triggers;

import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tenant id of a self-service sign-up, derived from the founder's Cognito {@code sub}: {@code t-} and the first 20
 * hex digits (80 bits) of SHA-256(sub). Deterministic, so a retried PostConfirmation (or the PostAuthentication
 * repair) finds the tenant it created instead of creating a second one; it reveals nothing of the sub.
 */
public final class FounderTenantId {
    private static final int HEX_DIGITS = 20;

    private FounderTenantId() {
    }

    public static TenantId of(UserId founder) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(founder.value().getBytes(StandardCharsets.UTF_8));
            return TenantId.of("t-" + HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
