package com.tenantgraph.data;

import com.tenantgraph.tenancy.Role;
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
    public static final String GSI3 = "GSI3";
    public static final String GSI4 = "GSI4";

    /** Sort key of a task in GSI3 when it has no due date: undated tasks come last. */
    public static final String NO_DUE_DATE = "9999-12-31";
    /** Sort-key prefix of the comments in a task's partition. */
    public static final String COMMENT_PREFIX = "COMMENT" + DELIMITER;
    private static final int NUMBER_WIDTH = 10;

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

    /** The tenant's pending invitations: one partition, one item per invited email (so one pending per email). */
    public static String invitationsCollection(TenantId tenant) {
        return tenantPartition(tenant, "INVITATIONS");
    }

    /** The pending invitation of {@code email} in a tenant. */
    public static TableKey invitation(TenantId tenant, String email) {
        return new TableKey(invitationsCollection(tenant), normalizeEmail(email));
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

    public static TableKey project(TenantId tenant, String projectId) {
        return new TableKey(tenantPartition(tenant, "PROJECT", safe(projectId)), "PROJECT");
    }

    /** The project's counters item, in the project's partition (next task number, task counts by status). */
    public static TableKey projectCounters(TenantId tenant, String projectId) {
        return new TableKey(tenantPartition(tenant, "PROJECT", safe(projectId)), "COUNTERS");
    }

    /** Uniqueness marker of a project key within a tenant; also serves "project by key" and "task by number". */
    public static TableKey projectKeyMarker(TenantId tenant, String projectKey) {
        return new TableKey(tenantPartition(tenant, "PROJECTKEY", safe(projectKey.toUpperCase(Locale.ROOT))),
                "PROJECTKEY");
    }

    /** GSI1 partition of a tenant's projects. */
    public static String projectsCollection(TenantId tenant) {
        return tenantPartition(tenant, "PROJECTS");
    }

    /**
     * GSI1 partition of a tenant's soft-deleted projects whose purge has not finished (the operators' purge command
     * lists it; the purge's last write removes the project from it).
     */
    public static String purgingProjectsCollection(TenantId tenant) {
        return tenantPartition(tenant, "PURGING");
    }

    /** GSI1 sort key of a project: its key, so the list is in key order. */
    public static String projectSortKey(String projectKey, String projectId) {
        return String.join(DELIMITER, projectKey, projectId);
    }

    public static TableKey task(TenantId tenant, String projectId, long number) {
        return new TableKey(taskPartition(tenant, projectId, number), "TASK");
    }

    /** The partition of a task: the task item and its comments. */
    public static String taskPartition(TenantId tenant, String projectId, long number) {
        return tenantPartition(tenant, "TASK", safe(projectId), paddedNumber(number));
    }

    /** GSI1/GSI2 partition of a project's tasks. */
    public static String projectTasksCollection(TenantId tenant, String projectId) {
        return tenantPartition(tenant, "PROJECT", safe(projectId), "TASKS");
    }

    /** GSI2 sort key of a task: status first, so a status filter is a key condition. */
    public static String taskByStatusSortKey(String status, long number) {
        return String.join(DELIMITER, status, paddedNumber(number));
    }

    /** GSI3 partition: the tasks assigned to one user. */
    public static String assigneeCollection(TenantId tenant, UserId assignee) {
        return tenantPartition(tenant, "ASSIGNEE", assignee.value());
    }

    /** GSI3 sort key: status, due date (none last), project, number. */
    public static String assigneeSortKey(String status, String dueDateOrNull, String projectId, long number) {
        return String.join(DELIMITER, status, dueDateOrNull == null ? NO_DUE_DATE : dueDateOrNull, projectId,
                paddedNumber(number));
    }

    /** GSI4 partition: the open, dated tasks of a tenant. */
    public static String dueCollection(TenantId tenant) {
        return tenantPartition(tenant, "DUE");
    }

    /** GSI4 sort key: due date, project, number. */
    public static String dueSortKey(String dueDate, String projectId, long number) {
        return String.join(DELIMITER, dueDate, projectId, paddedNumber(number));
    }

    /** A comment, in its task's partition, ordered by creation time (fixed-width timestamp) then id. */
    public static TableKey comment(TenantId tenant, String projectId, long number, java.time.Instant createdAt,
                                   String commentId) {
        return new TableKey(taskPartition(tenant, projectId, number),
                COMMENT_PREFIX + Timestamps.format(createdAt) + DELIMITER + safe(commentId));
    }

    /** An idempotency record: the client's key is hashed, so any text is safe inside the key. */
    public static TableKey idempotency(TenantId tenant, String clientMutationIdHash) {
        return new TableKey(tenantPartition(tenant, "IDEMPOTENCY", safe(clientMutationIdHash)), "IDEMPOTENCY");
    }

    /** A task number zero-padded to 10 digits, so string order is numeric order. */
    public static String paddedNumber(long number) {
        if (number < 1 || number > 9_999_999_999L) {
            throw new IllegalArgumentException("task number out of range");
        }
        String digits = Long.toString(number);
        return "0".repeat(NUMBER_WIDTH - digits.length()) + digits;
    }

    /** Refuses a key part containing the delimiter: ids and project keys never do (docs/data-model.md §2). */
    static String safe(String part) {
        if (part == null || part.isEmpty() || part.contains(DELIMITER)) {
            throw new IllegalArgumentException("malformed key part");
        }
        return part;
    }

    /**
     * The one key of a WebSocket connection that does not start with a tenant: a connection exists before its tenant is
     * known (the token arrives in its first message) and every later message names only the connection id. It holds
     * ids only and is used only by the WebSocket function (docs/subscriptions.md).
     */
    public static TableKey webSocketPointer(String connectionId) {
        return new TableKey("WSCONN" + DELIMITER + safe(connectionId), "CONNECTION");
    }

    /** A WebSocket connection of a tenant's user, with the map of its subscriptions (id to topic). */
    public static TableKey webSocketConnection(TenantId tenant, String connectionId) {
        return new TableKey(tenantPartition(tenant, "WSCONN", safe(connectionId)), "CONNECTION");
    }

    /** The partition of a topic's subscriptions: one Query reads every subscriber of a change. */
    public static String topicPartition(TenantId tenant, String topic) {
        return tenantPartition(tenant, "TOPIC", topic);
    }

    /** One subscription, in its topic's partition. */
    public static TableKey subscription(TenantId tenant, String topic, String connectionId, String subscriptionIdHash) {
        return new TableKey(topicPartition(tenant, topic),
                "SUB" + DELIMITER + safe(connectionId) + DELIMITER + safe(subscriptionIdHash));
    }

    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
