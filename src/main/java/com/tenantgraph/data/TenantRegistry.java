package com.tenantgraph.data;

import com.tenantgraph.tenancy.TenantId;
import java.util.List;

/**
 * The operators' reads (docs/data-model.md §8): the tenant registry, the one documented partition outside any
 * tenant, and the users of one tenant. Used by the operator command line only, never by a GraphQL request (the
 * GraphQL function's IAM policy cannot even reach the registry). Queries, never a Scan.
 */
public final class TenantRegistry {
    private final Table table;

    public TenantRegistry(Table table) {
        this.table = table;
    }

    /** Every registered tenant, in tenant-id order (a consistent Query of the registry partition, all pages). */
    public List<RegistryEntry> tenants() {
        return table.all(RegistryEntry.all());
    }

    /** Every user of {@code tenant} (GSI1: by role, status, email), tombstones included. */
    public List<UserItem> users(TenantId tenant) {
        return table.all(UserItem.ofTenant(tenant).limit(100));
    }
}
