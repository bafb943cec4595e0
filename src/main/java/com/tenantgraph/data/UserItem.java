package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.IndexKey;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A member of one tenant: item {@code TENANT#<t>#USER#<sub> / USER}. The membership check reads it with a consistent
 * read on every request; its role is authoritative. GSI1 and GSI2 keys (users by role, users by status) are derived
 * from the fields on every write, so a list can never disagree with the record it indexes. Timestamps are kept at
 * millisecond precision, as stored, so an item reads back equal to what was written.
 */
public record UserItem(TenantId tenantId, UserId userId, String email, String name, Role role, UserStatus status,
                       Instant createdAt, Instant updatedAt, long version) {
    public static final String ENTITY_TYPE = "USER";

    public static final EntityModel<UserItem> MODEL = EntityModel.of(UserItem.class, ENTITY_TYPE)
            .required("tenantId", "userId", "email", "name", "role").readOnly("tenantId", "userId", "email")
            .attribute("status", UserStatus.class, a -> a.defaultValue(UserStatus.ACTIVE))
            .timestamps("createdAt", "updatedAt").versioned()
            .key(UserItem::key)
            .index(Keys.GSI1, u -> new IndexKey(Keys.usersCollection(u.tenantId),
                    Keys.userByRoleSortKey(u.role, u.status, u.email, u.userId)))
            .index(Keys.GSI2, u -> new IndexKey(Keys.usersCollection(u.tenantId),
                    Keys.userByStatusSortKey(u.status, u.email, u.userId)))
            .build();

    public UserItem {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        createdAt = Timestamps.truncate(createdAt);
        updatedAt = updatedAt == null ? createdAt : Timestamps.truncate(updatedAt);
    }

    /** Users of a tenant by role, status, email (GSI1), tombstones included. */
    public static Query<UserItem> ofTenant(TenantId tenant) {
        return MODEL.query(Keys.GSI1, Keys.usersCollection(tenant));
    }

    /** Users of a tenant with one role, and one status if given (GSI1). */
    public static Query<UserItem> byRole(TenantId tenant, Role role, UserStatus statusOrNull) {
        return ofTenant(tenant).beginsWith(role.name() + Keys.DELIMITER
                + (statusOrNull == null ? "" : statusOrNull.name() + Keys.DELIMITER));
    }

    /** Users of a tenant with one status (GSI2). */
    public static Query<UserItem> byStatus(TenantId tenant, UserStatus status) {
        return MODEL.query(Keys.GSI2, Keys.usersCollection(tenant)).beginsWith(status.name() + Keys.DELIMITER);
    }

    public TableKey key() {
        return Keys.user(tenantId, userId);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().tenantId(tenantId).userId(userId).email(email).name(name).role(role).status(status)
                .createdAt(createdAt).updatedAt(updatedAt).version(version);
    }

    /** Named arguments for a record of nine components; changed copies in user administration. */
    public static final class Builder {
        private TenantId tenantId;
        private UserId userId;
        private String email;
        private String name;
        private Role role;
        private UserStatus status = UserStatus.ACTIVE;
        private Instant createdAt;
        private Instant updatedAt;
        private long version = 1;

        private Builder() {
        }

        public Builder tenantId(TenantId tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder userId(UserId userId) {
            this.userId = userId;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        public Builder status(UserStatus status) {
            this.status = status;
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

        public UserItem build() {
            return new UserItem(tenantId, userId, email, name, role, status, createdAt, updatedAt, version);
        }
    }
}
