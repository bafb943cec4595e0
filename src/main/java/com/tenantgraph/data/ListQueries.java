package com.tenantgraph.data;

import com.tenantgraph.data.model.Page;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every list of the API: the GraphQL arguments mapped to the models' named access patterns (docs/data-model.md §5),
 * one page each. The patterns themselves (partition, index, key condition) live on the entities' records.
 * {@code after} is a position from a verified cursor.
 */
public final class ListQueries {
    private final Table table;

    public ListQueries(Table table) {
        this.table = table;
    }

    public Page<ProjectItem> projects(TenantId tenant, int first, Map<String, AttributeValue> after) {
        return table.page(ProjectItem.ofTenant(tenant).page(first, after));
    }

    /** Tasks of a project by number, or of one status by number. */
    public Page<TaskItem> projectTasks(TenantId tenant, String projectId, TaskStatus status, int first,
                                       Map<String, AttributeValue> after) {
        return table.page((status == null ? TaskItem.ofProject(tenant, projectId)
                : TaskItem.byStatus(tenant, projectId, status)).page(first, after));
    }

    public Page<TaskItem> assignedTasks(TenantId tenant, UserId assignee, TaskStatus status, int first,
                                        Map<String, AttributeValue> after) {
        return table.page(TaskItem.assignedTo(tenant, assignee, status).page(first, after));
    }

    public Page<TaskItem> tasksDueBefore(TenantId tenant, LocalDate date, int first,
                                         Map<String, AttributeValue> after) {
        return table.page(TaskItem.dueBefore(tenant, date).page(first, after));
    }

    public Page<CommentItem> comments(TenantId tenant, String projectId, long number, int first,
                                      Map<String, AttributeValue> after) {
        return table.page(CommentItem.ofTask(tenant, projectId, number).page(first, after));
    }

    /** Users of a tenant: all or by role (and status), or by status alone. */
    public Page<UserItem> users(TenantId tenant, Role role, UserStatus status, int first,
                                Map<String, AttributeValue> after) {
        return table.page((role != null ? UserItem.byRole(tenant, role, status)
                : status != null ? UserItem.byStatus(tenant, status) : UserItem.ofTenant(tenant)).page(first, after));
    }

    /** The tenant's pending invitations, by email (base table, consistent). */
    public Page<InvitationItem> invitations(TenantId tenant, int first, Map<String, AttributeValue> after) {
        return table.page(InvitationItem.ofTenant(tenant).page(first, after));
    }
}
