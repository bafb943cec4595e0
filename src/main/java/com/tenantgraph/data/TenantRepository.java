package com.tenantgraph.data;

import com.tenantgraph.tenancy.TenantId;
import java.util.Optional;

/** Tenants. Every method takes the tenant first. */
public final class TenantRepository {
    private final Table table;

    public TenantRepository(Table table) {
        this.table = table;
    }

    public Optional<TenantItem> find(TenantId tenant) {
        return table.getConsistent(Keys.tenant(tenant), "GetTenant").flatMap(TenantItem.MODEL::fromItem);
    }
}
