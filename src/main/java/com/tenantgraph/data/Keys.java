package com.tenantgraph.data;

import com.tenantgraph.domain.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.Locale;

/**
 * The one place that builds keys. Every partition key of tenant data, in the table and in every GSI, starts with
 * {@code TENANT#<tenantId>#}: a tenant id cannot contain {@code #}, so no tenant's key is a prefix of another's, and an
 * IAM {@code dynamodb:LeadingKeys} condition on {@code TENANT#<id>#*} could enforce the isolation this class gives by
 * construction. Every method takes the tenant first; there is no way to build a tenant key without one.
 * See docs/data-model.md for the item shapes and access patterns.
 */
public final class Keys {
    static final String DELIMITER = "#";
    private static final String TENANT_PREFIX = "TENANT" + DELIMITER;

    public static final String GSI1 = "GSI1";
    public static final String GSI2 = "GSI2";

    private Keys() {
    }

    /** {@code TENANT#<id>#} followed by the parts, joined by the delimiter. */
    static String tenantPartition(TenantId tenant, String... parts) {
        StringBuilder key = new StringBuilder(TENANT_PREFIX).append(tenant.value());
        for (String part : parts) {
            key.append(DELIMITER).append(part);
        }
        return key.toString();
    }

    public static TableKey tenant(TenantId tenant) {
        return new TableKey(tenantPartition(tenant, "TENANT"), "TENANT");
    }

    public static TableKey user(TenantId tenant, UserId user) {
        return new TableKey(tenantPartition(tenant, "USER", user.value()), "USER");
    }

    /** Uniqueness marker of an email within a tenant (Cognito keeps emails unique across the pool). */
    public static TableKey emailMarker(TenantId tenant, String email) {
        return new TableKey(tenantPartition(tenant, "EMAIL", normalizeEmail(email)), "EMAIL");
    }

    /** GSI1/GSI2 partition of a tenant's users. */
    public static String usersCollection(TenantId tenant) {
        return tenantPartition(tenant, "USERS");
    }

    /** GSI1 sort key of a user: role, then status, then email, so role and role+status filters are key conditions. */
    public static String userByRoleSortKey(Role role, UserStatus status, String email, UserId user) {
        return String.join(DELIMITER, role.name(), status.name(), normalizeEmail(email), user.value());
    }

    /** GSI2 sort key of a user: status first, so a status filter is a key condition. */
    public static String userByStatusSortKey(UserStatus status, String email, UserId user) {
        return String.join(DELIMITER, status.name(), normalizeEmail(email), user.value());
    }

    /**
     * The operators' tenant registry entry: the one documented key outside any tenant's space. Written only by
     * provisioning and read only by the operator command line, never by a GraphQL request.
     */
    public static TableKey registryEntry(TenantId tenant) {
        return new TableKey(registryPartition(), TENANT_PREFIX + tenant.value());
    }

    /** The registry's partition key, for the operators' Query of all tenants. */
    public static String registryPartition() {
        return "REGISTRY" + DELIMITER + "TENANTS";
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
