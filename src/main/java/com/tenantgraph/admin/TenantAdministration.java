package com.tenantgraph.admin;

import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.TenantWrites;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import java.time.Clock;

/**
 * Changes an ADMIN makes to their own tenant: only the caller's tenant (from the token) can be named, so there is no
 * tenant argument at all. The operators' registry keeps the name the tenant was provisioned with (the GraphQL
 * function cannot write the registry; docs/data-model.md §8).
 */
public final class TenantAdministration {
    private final TenantWrites writes;
    private final TenantRepository tenants;
    private final Clock clock;

    public TenantAdministration(TenantWrites writes, TenantRepository tenants, Clock clock) {
        this.writes = writes;
        this.tenants = tenants;
        this.clock = clock;
    }

    public TenantItem rename(TenantId tenant, String name, long expectedVersion) {
        String validName;
        try {
            validName = InputRules.workspaceName("name", name);
        } catch (InputRules.InvalidInputException e) {
            throw AdminErrors.badInput(e);
        }
        try {
            return writes.rename(tenant, validName, expectedVersion, clock.instant());
        } catch (TenantWrites.StaleTenantException e) {
            Long current = e.currentVersion() != null ? e.currentVersion()
                    : tenants.find(tenant).map(TenantItem::version).orElse(null);
            if (current == null) {
                throw ApiException.notFound("Tenant");
            }
            throw ApiException.conflict("The tenant", current);
        }
    }
}
