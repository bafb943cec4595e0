package com.tenantgraph.tenancy;

import java.time.Instant;

/**
 * Who is calling, as the authorizer verified it from the token: the only source of the tenant of a request. What the
 * caller may do is decided by the membership record, not by anything here ({@code groups} is only a hint).
 */
public record Caller(TenantId tenant, UserId user, String username, String email, Instant expiresAt, String groups) {
}
