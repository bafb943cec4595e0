package com.tenantgraph.tenancy;

/**
 * A caller whose membership is verified: the tenant and user are the token's (the one source of the tenant, for reads
 * and writes alike), the role is the membership record's (read on every request, never taken from the token).
 */
public record Member(TenantId tenant, UserId user, Role role) {
}
