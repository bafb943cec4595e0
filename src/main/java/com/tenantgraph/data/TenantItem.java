package com.tenantgraph.data;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A tenant (workspace): item {@code TENANT#<t>#TENANT / TENANT}. {@code adminCount} is changed only in conditional
 * transactions, so a tenant never loses its last ADMIN. Keys are derived from the fields, never set by callers.
 */
public final class TenantItem {
    public static final String ENTITY_TYPE = "TENANT";

    private final TenantId tenantId;
    private final String name;
    private final Plan plan;
    private final TenantStatus status;
    private final int adminCount;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private TenantItem(Builder b) {
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.name = Objects.requireNonNull(b.name, "name");
        this.plan = Objects.requireNonNull(b.plan, "plan");
        this.status = Objects.requireNonNull(b.status, "status");
        this.adminCount = b.adminCount;
        this.createdAt = Timestamps.truncate(Objects.requireNonNull(b.createdAt, "createdAt"));
        this.updatedAt = b.updatedAt == null ? this.createdAt : Timestamps.truncate(b.updatedAt);
        this.version = b.version;
    }

    /** The static schema: no reflection on the cold path. */
    public static final TableSchema<TenantItem> SCHEMA = StaticImmutableTableSchema.builder(TenantItem.class, Builder.class)
            .newItemBuilder(TenantItem::builder, Builder::build)
            .addAttribute(String.class, a -> a.name(TableKey.PK).getter(i -> i.key().pk()).setter(Builder::ignore)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TableKey.SK).getter(i -> i.key().sk()).setter(Builder::ignore)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(Attributes.ENTITY_TYPE).getter(i -> ENTITY_TYPE)
                    .setter(Builder::ignore))
            .addAttribute(String.class, a -> a.name("tenantId").getter(i -> i.tenantId.value())
                    .setter((b, v) -> b.tenantId(TenantId.of(v))))
            .addAttribute(String.class, a -> a.name("name").getter(TenantItem::name).setter(Builder::name))
            .addAttribute(String.class, a -> a.name("plan").getter(i -> i.plan.name())
                    .setter((b, v) -> b.plan(Plan.valueOf(v))))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status.name())
                    .setter((b, v) -> b.status(TenantStatus.valueOf(v))))
            .addAttribute(Integer.class, a -> a.name("adminCount").getter(TenantItem::adminCount)
                    .setter(Builder::adminCount))
            .addAttribute(Instant.class, a -> a.name("createdAt").attributeConverter(Timestamps.CONVERTER)
                    .getter(TenantItem::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name("updatedAt").attributeConverter(Timestamps.CONVERTER)
                    .getter(TenantItem::updatedAt).setter(Builder::updatedAt))
            .addAttribute(Long.class, a -> a.name(Attributes.VERSION).getter(TenantItem::version)
                    .setter(Builder::version))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().tenantId(tenantId).name(name).plan(plan).status(status).adminCount(adminCount)
                .createdAt(createdAt).updatedAt(updatedAt).version(version);
    }

    public TableKey key() {
        return Keys.tenant(tenantId);
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public Plan plan() {
        return plan;
    }

    public TenantStatus status() {
        return status;
    }

    public int adminCount() {
        return adminCount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantItem t && tenantId.equals(t.tenantId) && name.equals(t.name) && plan == t.plan
                && status == t.status && adminCount == t.adminCount && createdAt.equals(t.createdAt)
                && updatedAt.equals(t.updatedAt) && version == t.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, name, plan, status, adminCount, createdAt, updatedAt, version);
    }

    @Override
    public String toString() {
        return "TenantItem[" + tenantId + ", " + plan + ", " + status + ", v" + version + "]";
    }

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

        public Builder adminCount(Integer adminCount) {
            this.adminCount = adminCount == null ? 0 : adminCount;
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

        public Builder version(Long version) {
            this.version = version == null ? 1 : version;
            return this;
        }

        /** Derived attributes (keys, entity type) are recomputed from the fields: reading them back sets nothing. */
        void ignore(String derived) {
            // derived from the other fields
        }

        public TenantItem build() {
            return new TenantItem(this);
        }
    }
}
