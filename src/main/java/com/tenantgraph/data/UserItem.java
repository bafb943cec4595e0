package com.tenantgraph.data;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A member of one tenant: item {@code TENANT#<t>#USER#<sub> / USER}. The membership check reads it with a consistent
 * read on every request; its role is authoritative. GSI1 and GSI2 keys (users by role, users by status) are derived
 * from the fields on every write, so a list can never disagree with the record it indexes.
 */
public final class UserItem {
    public static final String ENTITY_TYPE = "USER";

    private final TenantId tenantId;
    private final UserId userId;
    private final String email;
    private final String name;
    private final Role role;
    private final UserStatus status;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private UserItem(Builder b) {
        this.tenantId = Objects.requireNonNull(b.tenantId, "tenantId");
        this.userId = Objects.requireNonNull(b.userId, "userId");
        this.email = Objects.requireNonNull(b.email, "email");
        this.name = Objects.requireNonNull(b.name, "name");
        this.role = Objects.requireNonNull(b.role, "role");
        this.status = Objects.requireNonNull(b.status, "status");
        this.createdAt = Timestamps.truncate(Objects.requireNonNull(b.createdAt, "createdAt"));
        this.updatedAt = b.updatedAt == null ? this.createdAt : Timestamps.truncate(b.updatedAt);
        this.version = b.version;
    }

    /** The static schema: no reflection on the cold path. */
    public static final TableSchema<UserItem> SCHEMA = StaticImmutableTableSchema.builder(UserItem.class, Builder.class)
            .newItemBuilder(UserItem::builder, Builder::build)
            .addAttribute(String.class, a -> a.name(TableKey.PK).getter(i -> i.key().pk()).setter(Builder::ignore)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TableKey.SK).getter(i -> i.key().sk()).setter(Builder::ignore)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name(Attributes.GSI1PK)
                    .getter(i -> Keys.usersCollection(i.tenantId)).setter(Builder::ignore)
                    .tags(secondaryPartitionKey(Keys.GSI1)))
            .addAttribute(String.class, a -> a.name(Attributes.GSI1SK)
                    .getter(i -> Keys.userByRoleSortKey(i.role, i.status, i.email, i.userId)).setter(Builder::ignore)
                    .tags(secondarySortKey(Keys.GSI1)))
            .addAttribute(String.class, a -> a.name(Attributes.GSI2PK)
                    .getter(i -> Keys.usersCollection(i.tenantId)).setter(Builder::ignore)
                    .tags(secondaryPartitionKey(Keys.GSI2)))
            .addAttribute(String.class, a -> a.name(Attributes.GSI2SK)
                    .getter(i -> Keys.userByStatusSortKey(i.status, i.email, i.userId)).setter(Builder::ignore)
                    .tags(secondarySortKey(Keys.GSI2)))
            .addAttribute(String.class, a -> a.name(Attributes.ENTITY_TYPE).getter(i -> ENTITY_TYPE)
                    .setter(Builder::ignore))
            .addAttribute(String.class, a -> a.name("tenantId").getter(i -> i.tenantId.value())
                    .setter((b, v) -> b.tenantId(TenantId.of(v))))
            .addAttribute(String.class, a -> a.name("userId").getter(i -> i.userId.value())
                    .setter((b, v) -> b.userId(UserId.of(v))))
            .addAttribute(String.class, a -> a.name("email").getter(UserItem::email).setter(Builder::email))
            .addAttribute(String.class, a -> a.name("name").getter(UserItem::name).setter(Builder::name))
            .addAttribute(String.class, a -> a.name("role").getter(i -> i.role.name())
                    .setter((b, v) -> b.role(Role.valueOf(v))))
            .addAttribute(String.class, a -> a.name("status").getter(i -> i.status.name())
                    .setter((b, v) -> b.status(UserStatus.valueOf(v))))
            .addAttribute(Instant.class, a -> a.name("createdAt").attributeConverter(Timestamps.CONVERTER)
                    .getter(UserItem::createdAt).setter(Builder::createdAt))
            .addAttribute(Instant.class, a -> a.name("updatedAt").attributeConverter(Timestamps.CONVERTER)
                    .getter(UserItem::updatedAt).setter(Builder::updatedAt))
            .addAttribute(Long.class, a -> a.name(Attributes.VERSION).getter(UserItem::version)
                    .setter(Builder::version))
            .build();

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().tenantId(tenantId).userId(userId).email(email).name(name).role(role).status(status)
                .createdAt(createdAt).updatedAt(updatedAt).version(version);
    }

    public TableKey key() {
        return Keys.user(tenantId, userId);
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public UserId userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public UserStatus status() {
        return status;
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
        return o instanceof UserItem u && tenantId.equals(u.tenantId) && userId.equals(u.userId)
                && email.equals(u.email) && name.equals(u.name) && role == u.role && status == u.status
                && createdAt.equals(u.createdAt) && updatedAt.equals(u.updatedAt) && version == u.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, userId, email, name, role, status, createdAt, updatedAt, version);
    }

    @Override
    public String toString() {
        return "UserItem[" + tenantId + "/" + userId + ", " + role + ", " + status + ", v" + version + "]";
    }

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

        public Builder version(Long version) {
            this.version = version == null ? 1 : version;
            return this;
        }

        void ignore(String derived) {
            // keys and entity type are derived from the other fields
        }

        public UserItem build() {
            return new UserItem(this);
        }
    }
}
