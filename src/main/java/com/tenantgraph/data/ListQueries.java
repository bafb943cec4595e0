package com.tenantgraph.data;

import com.tenantgraph.data.model.Page;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every list of the API, each one Query with a key condition (docs/data-model.md §5): no Scan, no filter expression,
 * so a page is short only at the end of its list. Index reads are eventually consistent and return partial items
 * (the projection); the resolvers load what is missing through the request's DataLoader. Positions for cursors come
 * with each item; {@code after} is a position from a verified cursor.
 */
public final class ListQueries {
    private final Table table;

    public ListQueries(Table table) {
        this.table = table;
    }

    /** Projects of a tenant in key order (GSI1). */
    public Page<ProjectItem> projects(TenantId tenant, int first, Map<String, AttributeValue> after) {
        return Query.on(table).index(Keys.GSI1).partition(Keys.projectsCollection(tenant)).startAfter(after)
                .page(first, item -> ProjectItem.MODEL.fromItem(item).orElseThrow().asPartial());
    }

    /** Tasks of a project by number (GSI1), or of one status by number (GSI2). */
    public Page<TaskItem> projectTasks(TenantId tenant, String projectId, TaskStatus status, int first,
                                       Map<String, AttributeValue> after) {
        Query query = Query.on(table).partition(Keys.projectTasksCollection(tenant, projectId));
        if (status == null) {
            query.index(Keys.GSI1);
        } else {
            query.index(Keys.GSI2).sortBeginsWith(status.name() + Keys.DELIMITER);
        }
        return query.startAfter(after).page(first, ListQueries::task);
    }

    /** Tasks assigned to a user (GSI3): by status, due date (none last), project, number. */
    public Page<TaskItem> assignedTasks(TenantId tenant, UserId assignee, TaskStatus status, int first,
                                        Map<String, AttributeValue> after) {
        Query query = Query.on(table).index(Keys.GSI3).partition(Keys.assigneeCollection(tenant, assignee));
        if (status != null) {
            query.sortBeginsWith(status.name() + Keys.DELIMITER);
        }
        return query.startAfter(after).page(first, ListQueries::task);
    }

    /** Open tasks due strictly before {@code date} (GSI4), by due date, project, number. */
    public Page<TaskItem> tasksDueBefore(TenantId tenant, LocalDate date, int first,
                                         Map<String, AttributeValue> after) {
        return Query.on(table).index(Keys.GSI4).partition(Keys.dueCollection(tenant)).sortLessThan(date.toString())
                .startAfter(after).page(first, ListQueries::task);
    }

    /** Comments of a task in creation order (base table, consistent). */
    public Page<CommentItem> comments(TenantId tenant, String projectId, long number, int first,
                                      Map<String, AttributeValue> after) {
        return Query.on(table).partition(Keys.taskPartition(tenant, projectId, number))
                .sortBeginsWith(Keys.COMMENT_PREFIX).consistent().startAfter(after)
                .page(first, item -> CommentItem.MODEL.fromItem(item).orElseThrow());
    }

    /** Users of a tenant: all or by role (and status) on GSI1, by status alone on GSI2. */
    public Page<UserItem> users(TenantId tenant, Role role, UserStatus status, int first,
                                Map<String, AttributeValue> after) {
        Query query = Query.on(table).partition(Keys.usersCollection(tenant));
        if (role != null) {
            query.index(Keys.GSI1).sortBeginsWith(role.name() + Keys.DELIMITER
                    + (status == null ? "" : status.name() + Keys.DELIMITER));
        } else if (status != null) {
            query.index(Keys.GSI2).sortBeginsWith(status.name() + Keys.DELIMITER);
        } else {
            query.index(Keys.GSI1);
        }
        return query.startAfter(after).page(first, UserItem.SCHEMA::mapToItem);
    }

    private static TaskItem task(Map<String, AttributeValue> item) {
        return TaskItem.MODEL.fromItem(item).orElseThrow().asPartial();
    }
}
