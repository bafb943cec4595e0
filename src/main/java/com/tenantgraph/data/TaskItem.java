package com.tenantgraph.data;

import com.tenantgraph.data.model.Attribute;
import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A task: item {@code TENANT#<t>#TASK#<p>#<n10> / TASK}. Its index keys are all derived from its state in one place
 * ({@link #indexKeys}): GSI1/GSI2 (its project's tasks, by number and by status) unless soft-deleted, GSI3 while
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

    private static final Attribute<TaskItem, String> TENANT =
            Attribute.<TaskItem, String>of("tenantId", Codec.STRING, t -> t.tenantId.value()).required();
    private static final Attribute<TaskItem, String> PROJECT_ID =
            Attribute.of("projectId", Codec.STRING, TaskItem::projectId).required();
    private static final Attribute<TaskItem, Long> NUMBER = Attribute.of("number", Codec.LONG, TaskItem::number)
            .required().rule(n -> n > 0, "positive");
    private static final Attribute<TaskItem, String> TITLE = Attribute.of("title", Codec.STRING, TaskItem::title)
            .required().rule(Rules.text(Rules.TITLE_MAX), "1 to " + Rules.TITLE_MAX + " characters, not blank");
    private static final Attribute<TaskItem, String> DESCRIPTION =
            Attribute.of("description", Codec.STRING, TaskItem::description)
                    .rule(Rules.optionalText(Rules.TASK_DESCRIPTION_MAX),
                            "at most " + Rules.TASK_DESCRIPTION_MAX + " characters");
    private static final Attribute<TaskItem, TaskStatus> STATUS =
            Attribute.of("status", Codec.enumOf(TaskStatus.class), TaskItem::status).required();
    private static final Attribute<TaskItem, TaskPriority> PRIORITY =
            Attribute.of("priority", Codec.enumOf(TaskPriority.class), TaskItem::priority).required();
    private static final Attribute<TaskItem, String> ASSIGNEE =
            Attribute.of("assigneeId", Codec.STRING, TaskItem::assigneeId)
                    .rule(UserId::isWellFormed, "not a user id");
    private static final Attribute<TaskItem, String> REPORTER =
            Attribute.of("reporterId", Codec.STRING, TaskItem::reporterId).required();
    private static final Attribute<TaskItem, LocalDate> DUE_DATE =
            Attribute.of("dueDate", Codec.DATE, TaskItem::dueDate)
                    .rule(d -> d.getYear() >= 2000 && d.getYear() <= 9998, "a year from 2000 to 9998");
    private static final Attribute<TaskItem, List<String>> LABELS =
            Attribute.<TaskItem, List<String>>of("labels", Codec.STRING_LIST,
                    t -> t.labels.isEmpty() ? null : t.labels)
                    .rule(Rules.labels(), "at most " + Rules.LABELS_MAX + " distinct labels of 1 to "
                            + Rules.LABEL_MAX + " letters, digits, spaces or . _ : / + -");
    private static final Attribute<TaskItem, Instant> CREATED_AT =
            Attribute.of("createdAt", Codec.INSTANT, TaskItem::createdAt);
    private static final Attribute<TaskItem, Instant> UPDATED_AT =
            Attribute.of("updatedAt", Codec.INSTANT, TaskItem::updatedAt);
    private static final Attribute<TaskItem, Long> VERSION =
            Attribute.of(Attributes.VERSION, Codec.LONG, TaskItem::version);
    private static final Attribute<TaskItem, Instant> DELETED_AT =
            Attribute.of("deletedAt", Codec.INSTANT, TaskItem::deletedAt);

    public static final EntityModel<TaskItem> MODEL = EntityModel.of(ENTITY_TYPE,
            List.of(TENANT, PROJECT_ID, NUMBER, TITLE, DESCRIPTION, STATUS, PRIORITY, ASSIGNEE, REPORTER, DUE_DATE,
                    LABELS, CREATED_AT, UPDATED_AT, VERSION, DELETED_AT),
            TaskItem::tableKey, TaskItem::indexKeys, TaskItem::read, EntityModel.Audit.STANDARD);

    public TableKey tableKey() {
        return Keys.task(tenantId, projectId, number);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The same task marked as read from an index. */
    public TaskItem asPartial() {
        return new TaskItem(tenantId, projectId, number, title, description, status, priority, assigneeId,
                reporterId, dueDate, labels, createdAt, updatedAt, version, deletedAt, true);
    }

    public TaskItem softDeleted(Instant at) {
        return new TaskItem(tenantId, projectId, number, title, description, status, priority, assigneeId,
                reporterId, dueDate, labels, createdAt, updatedAt, version, at, false);
    }

    private Map<String, String> indexKeys() {
        Map<String, String> keys = new HashMap<>();
        if (deleted()) {
            return keys;
        }
        String tasks = Keys.projectTasksCollection(tenantId, projectId);
        keys.put(Attributes.GSI1PK, tasks);
        keys.put(Attributes.GSI1SK, Keys.paddedNumber(number));
        keys.put(Attributes.GSI2PK, tasks);
        keys.put(Attributes.GSI2SK, Keys.taskByStatusSortKey(status.name(), number));
        String due = dueDate == null ? null : dueDate.toString();
        if (assigneeId != null) {
            keys.put(Attributes.GSI3PK, Keys.assigneeCollection(tenantId, UserId.of(assigneeId)));
            keys.put(Attributes.GSI3SK, Keys.assigneeSortKey(status.name(), due, projectId, number));
        }
        if (due != null && status != TaskStatus.DONE) {
            keys.put(Attributes.GSI4PK, Keys.dueCollection(tenantId));
            keys.put(Attributes.GSI4SK, Keys.dueSortKey(due, projectId, number));
        }
        return keys;
    }

    private static TaskItem read(Map<String, AttributeValue> item) {
        Long version = VERSION.read(item);
        return new TaskItem(TenantId.of(TENANT.read(item)), PROJECT_ID.read(item), NUMBER.read(item),
                TITLE.read(item), DESCRIPTION.read(item), STATUS.read(item), PRIORITY.read(item), ASSIGNEE.read(item),
                REPORTER.read(item), DUE_DATE.read(item), LABELS.read(item), CREATED_AT.read(item),
                UPDATED_AT.read(item), version == null ? 0 : version, DELETED_AT.read(item), false);
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
