package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant (workspace): item {@code TENANT#<t>#TENANT / TENANT}. {@code adminCount} is changed only in conditional
 * transactions, so a tenant never loses its last ADMIN. Keys are derived from the fields, never set by callers.
 */
public record TenantItem(TenantId tenantId, String name, Plan plan, TenantStatus status, int adminCount,
                         Instant createdAt, Instant updatedAt, long version) {
    public static final String ENTITY_TYPE = "TENANT";
    public static final String ADMIN_COUNT = "adminCount";

    public static final EntityModel<TenantItem> MODEL = EntityModel.of(TenantItem.class, ENTITY_TYPE)
            .required("tenantId", "name").readOnly("tenantId")
            .attribute("plan", Plan.class, a -> a.defaultValue(Plan.FREE))
            .attribute("status", TenantStatus.class, a -> a.defaultValue(TenantStatus.ACTIVE))
            .timestamps("createdAt", "updatedAt").versioned()
            .key(TenantItem::key)
            .build();

    public TenantItem {
        Objects.requireNonNull(tenantId, "tenantId");
        createdAt = Timestamps.truncate(createdAt);
        updatedAt = updatedAt == null ? createdAt : Timestamps.truncate(updatedAt);
    }

    public TableKey key() {
        return Keys.tenant(tenantId);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().tenantId(tenantId).name(name).plan(plan).status(status).adminCount(adminCount)
                .createdAt(createdAt).updatedAt(updatedAt).version(version);
    }

    /** Named arguments for a record of eight components. */
    public static final class Builder {
        private TenantId tenantId;
        private String name;
        private Plan plan = Plan.FREE;
        private TenantStatus status = TenantStatus.ACTIVE;
        private int adminCount;
        private Instant createdAt;
        private Instant updatedAt;
        private long version = 1;

        private Builder() {
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder plan(Plan plan) {
            this.plan = plan;
            return this;
        }

        public Builder status(TenantStatus status) {
            this.status = status;
            return this;
        }

        public Builder adminCount(int adminCount) {
            this.adminCount = adminCount;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public TenantItem build() {
            return new TenantItem(tenantId, name, plan, status, adminCount, createdAt, updatedAt, version);
        }
    }
}
