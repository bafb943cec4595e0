package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;

/**
 * The operators' registry entry of a tenant, as it was provisioned: item {@code REGISTRY#TENANTS / TENANT#<t>}, the
 * one documented key outside any tenant's space (docs/data-model.md §8). Written only by provisioning, in the tenant's
 * own transaction, and read only by the operator command line, never by a GraphQL request.
 */
public record RegistryEntry(TenantId tenantId, String name, Plan plan, Instant createdAt) {
    public static final String ENTITY_TYPE = "TENANT_REGISTRY";

    public static final EntityModel<RegistryEntry> MODEL = EntityModel.of(RegistryEntry.class, ENTITY_TYPE)
            .required("tenantId", "name", "plan", "createdAt").readOnly("tenantId")
            .key(e -> Keys.registryEntry(e.tenantId))
            .build();

    /** Every registered tenant, in tenant-id order (a consistent Query of the registry partition). */
    public static Query<RegistryEntry> all() {
        return MODEL.query(null, Keys.registryPartition()).consistent().limit(100);
    }

    public static RegistryEntry of(TenantItem tenant) {
        return new RegistryEntry(tenant.tenantId(), tenant.name(), tenant.plan(), tenant.createdAt());
    }
}
