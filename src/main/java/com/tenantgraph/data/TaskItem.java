package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.IndexKey;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A task: item {@code TENANT#<t>#TASK#<p>#<n10> / TASK}. Its index keys are all derived from its state in one place
 * (the model's indexes): GSI1/GSI2 (its project's tasks, by number and by status) unless soft-deleted, GSI3 while
 * assigned, GSI4 while open with a due date. Writing the full state therefore always leaves the indexes right.
 * {@code partial} marks a task read from an index (no description or labels).
 */
public record TaskItem(TenantId tenantId, String projectId, long number, String title, String description,
                       TaskStatus status, TaskPriority priority, String assigneeId, String reporterId,
                       LocalDate dueDate, List<String> labels, Instant createdAt, Instant updatedAt, long version,
                       Instant deletedAt, boolean partial) {
    public static final String ENTITY_TYPE = "TASK";

    public TaskItem {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public static final EntityModel<TaskItem> MODEL = EntityModel.of(TaskItem.class, ENTITY_TYPE)
            .required("tenantId", "projectId", "status", "priority", "reporterId")
            .readOnly("tenantId", "projectId", "number", "reporterId")
            .attribute("number", Long.class, a -> a.rule(n -> n > 0, "positive"))
            .attribute("title", String.class, a -> a.required()
                    .rule(Rules.text(Rules.TITLE_MAX), "1 to " + Rules.TITLE_MAX + " characters, not blank"))
            .attribute("description", String.class, a -> a.rule(Rules.optionalText(Rules.TASK_DESCRIPTION_MAX),
                    "at most " + Rules.TASK_DESCRIPTION_MAX + " characters"))
            .attribute("assigneeId", String.class, a -> a.rule(UserId::isWellFormed, "not a user id"))
            .attribute("dueDate", LocalDate.class, a -> a.rule(d -> d.getYear() >= 2000 && d.getYear() <= 9998,
                    "a year from 2000 to 9998"))
            .attribute("labels", List.class, a -> a.omitEmpty().rule(l -> Rules.labels().test(strings(l)),
                    "at most " + Rules.LABELS_MAX + " distinct labels of 1 to " + Rules.LABEL_MAX
                            + " letters, digits, spaces or . _ : / + -"))
            .timestamps("createdAt", "updatedAt").versioned().partialFlag("partial")
            .key(TaskItem::tableKey)
            .index(Keys.GSI1, t -> t.deleted() ? null
                    : new IndexKey(Keys.projectTasksCollection(t.tenantId, t.projectId), Keys.paddedNumber(t.number)))
            .index(Keys.GSI2, t -> t.deleted() ? null : new IndexKey(Keys.projectTasksCollection(t.tenantId,
                    t.projectId), Keys.taskByStatusSortKey(t.status.name(), t.number)))
            .index(Keys.GSI3, t -> t.deleted() || t.assigneeId == null ? null
                    : new IndexKey(Keys.assigneeCollection(t.tenantId, UserId.of(t.assigneeId)),
                    Keys.assigneeSortKey(t.status.name(), t.dueDateText(), t.projectId, t.number)))
            .index(Keys.GSI4, t -> t.deleted() || t.dueDate == null || t.status == TaskStatus.DONE ? null
                    : new IndexKey(Keys.dueCollection(t.tenantId), Keys.dueSortKey(t.dueDateText(), t.projectId,
                    t.number)))
            .build();

    /** Tasks of a project by number (GSI1). */
    public static Query<TaskItem> ofProject(TenantId tenant, String projectId) {
        return MODEL.query(Keys.GSI1, Keys.projectTasksCollection(tenant, projectId));
    }

    /** Tasks of a project with one status, by number (GSI2). */
    public static Query<TaskItem> byStatus(TenantId tenant, String projectId, TaskStatus status) {
        return MODEL.query(Keys.GSI2, Keys.projectTasksCollection(tenant, projectId))
                .beginsWith(status.name() + Keys.DELIMITER);
    }

    /** Tasks assigned to a user (GSI3): by status, due date (none last), project, number; one status or all. */
    public static Query<TaskItem> assignedTo(TenantId tenant, UserId assignee, TaskStatus statusOrNull) {
        Query<TaskItem> all = MODEL.query(Keys.GSI3, Keys.assigneeCollection(tenant, assignee));
        return statusOrNull == null ? all : all.beginsWith(statusOrNull.name() + Keys.DELIMITER);
    }

    /** Open tasks due strictly before {@code date} (GSI4), by due date, project, number. */
    public static Query<TaskItem> dueBefore(TenantId tenant, LocalDate date) {
        return MODEL.query(Keys.GSI4, Keys.dueCollection(tenant)).lessThan(date.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(List<?> labels) {
        return (List<String>) labels;
    }

    private String dueDateText() {
        return dueDate == null ? null : dueDate.toString();
    }

    public TableKey tableKey() {
        return Keys.task(tenantId, projectId, number);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public TaskItem softDeleted(Instant at) {
        return new TaskItem(tenantId, projectId, number, title, description, status, priority, assigneeId,
                reporterId, dueDate, labels, createdAt, updatedAt, version, at, false);
    }

    /** A builder for changed copies (partial updates change a few fields of the full state). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies a task with some fields changed. */
    public static final class Builder {
        private String title;
        private String description;
        private TaskStatus status;
        private TaskPriority priority;
        private String assigneeId;
        private LocalDate dueDate;
        private List<String> labels;
        private final TaskItem from;

        private Builder(TaskItem from) {
            this.from = from;
            this.title = from.title;
            this.description = from.description;
            this.status = from.status;
            this.priority = from.priority;
            this.assigneeId = from.assigneeId;
            this.dueDate = from.dueDate;
            this.labels = from.labels;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder status(TaskStatus status) {
            this.status = status;
            return this;
        }

        public Builder priority(TaskPriority priority) {
            this.priority = priority;
            return this;
        }

        public Builder assigneeId(String assigneeId) {
            this.assigneeId = assigneeId;
            return this;
        }

        public Builder dueDate(LocalDate dueDate) {
            this.dueDate = dueDate;
            return this;
        }

        public Builder labels(List<String> labels) {
            this.labels = labels;
            return this;
        }

        public TaskItem build() {
            return new TaskItem(from.tenantId, from.projectId, from.number, title, description, status, priority,
                    assigneeId, from.reporterId, dueDate, labels, from.createdAt, from.updatedAt, from.version,
                    from.deletedAt, false);
        }
    }

    /** A new task as a caller describes it; the number, reporter and audit fields are the layer's. */
    public static TaskItem draft(TenantId tenant, String projectId, long number, String title, String description,
                                 TaskStatus status, TaskPriority priority, String assigneeId, String reporterId,
                                 LocalDate dueDate, List<String> labels) {
        return new TaskItem(tenant, projectId, number, title, description, status, priority, assigneeId, reporterId,
                dueDate, labels, null, null, 0, null, false);
    }
}
