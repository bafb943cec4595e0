package com.tenantgraph.triggers;

import com.tenantgraph.data.Sha256;

import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;

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
        return TenantId.of("t-" + Sha256.hex(founder.value()).substring(0, HEX_DIGITS));
    }
}
