package com.tenantgraph.workspace;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Task writes (docs/data-model.md §7). Numbers come from a single-item atomic counter, outside the transaction, so a
 * busy project never turns number allocation into transaction conflicts; counts by status change in the same
 * transaction as the task, so they always agree; an assignee is checked inside the write (a ConditionCheck on the
 * user's record: a member, not DISABLED or REMOVED), never by a racy read first.
 */
public final class TaskService {
    public static final String CREATE = "createTask";

    private final Table table;
    private final Writes writes;
    private final Idempotency idempotency;
    private final Purge purge;

    public TaskService(Table table, Writes writes, Idempotency idempotency, Purge purge) {
        this.table = table;
        this.writes = writes;
        this.idempotency = idempotency;
        this.purge = purge;
    }

    /** What a caller gives to create a task (status and priority default to TODO and MEDIUM). */
    public record NewTask(String projectId, String title, String description, TaskStatus status,
                          TaskPriority priority, String assigneeId, LocalDate dueDate, List<String> labels) {
    }

    /** A partial update: omitted fields stay, null clears (title, status and priority cannot be cleared). */
    public record TaskChanges(Patch<String> title, Patch<String> description, Patch<TaskStatus> status,
                              Patch<TaskPriority> priority, Patch<String> assigneeId, Patch<LocalDate> dueDate,
                              Patch<List<String>> labels) {
    }

    public TaskItem create(TenantId tenant, UserId caller, NewTask input, IdempotencyKey key) {
        TaskItem draft = TaskItem.draft(tenant, input.projectId(), 1, input.title(), input.description(),
                Objects.requireNonNullElse(input.status(), TaskStatus.TODO),
                Objects.requireNonNullElse(input.priority(), TaskPriority.MEDIUM), input.assigneeId(),
                caller.value(), input.dueDate(), input.labels());
        TaskItem.MODEL.validate(draft);
        Optional<TableKey> earlier = idempotency.replay(tenant, key, CREATE, caller);
        if (earlier.isPresent()) {
            return loadCreated(earlier.get());
        }
        long number = allocateNumber(tenant, input.projectId());
        TaskItem task = TaskItem.draft(tenant, input.projectId(), number, draft.title(), draft.description(),
                draft.status(), draft.priority(), draft.assigneeId(), draft.reporterId(), draft.dueDate(),
                draft.labels());
        Instant now = writes.now();
        Writes.Prepared<TaskItem> item = writes.create(TaskItem.MODEL, task, now);
        Writes.Transaction tx = writes.transaction("CreateTask");
        tx.put(item, Expr.of("attribute_not_exists(PK)"));
        int counters = tx.update(ProjectCounters.MODEL, Keys.projectCounters(tenant, input.projectId()),
                Update.set("#c.#s = #c.#s + :one").name("#c", ProjectCounters.TASK_COUNT)
                        .name("#s", task.status().name()).value(":one", 1),
                Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"));
        int assignee = task.assigneeId() == null ? -1 : checkAssignee(tx, tenant, task.assigneeId());
        int record = idempotency.record(tx, tenant, key, CREATE, caller, task.tableKey(), now);
        try {
            tx.execute();
        } catch (DataAccessException.ConditionFailedException e) {
            if (e.failed(counters)) {
                throw ApiException.notFound("Project");
            }
            if (assignee >= 0 && e.failed(assignee)) {
                throw notAMember();
            }
            if (record >= 0 && e.failed(record)) {
                return loadCreated(idempotency.replay(tenant, key, CREATE, caller).orElseThrow(() -> e));
            }
            throw e;
        }
        return item.entity();
    }

    public TaskItem update(TenantId tenant, String projectId, long number, long expectedVersion,
                           TaskChanges changes) {
        TaskItem current = find(tenant, projectId, number).orElseThrow(() -> ApiException.notFound("Task"));
        Outcomes.requireVersion("The task", expectedVersion, current.version());
        requireNotCleared("title", changes.title());
        requireNotCleared("status", changes.status());
        requireNotCleared("priority", changes.priority());
        TaskItem next = current.toBuilder().title(changes.title().or(current.title()))
                .description(changes.description().or(current.description()))
                .status(changes.status().or(current.status())).priority(changes.priority().or(current.priority()))
                .assigneeId(changes.assigneeId().or(current.assigneeId()))
                .dueDate(changes.dueDate().or(current.dueDate()))
                .labels(changes.labels().or(current.labels())).build();
        Instant now = writes.now();
        Writes.Prepared<TaskItem> item = writes.replace(TaskItem.MODEL, current, next, now);
        Writes.Transaction tx = writes.transaction("UpdateTask");
        tx.put(item, Expr.of("#v = :v AND attribute_not_exists(deletedAt)").name("#v", "version")
                .value(":v", current.version()));
        int project = tx.check(Keys.project(tenant, projectId),
                Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"));
        int counters = -1;
        if (next.status() != current.status()) {
            counters = tx.update(ProjectCounters.MODEL, Keys.projectCounters(tenant, projectId),
                    Update.set("#c.#old = #c.#old - :one, #c.#new = #c.#new + :one")
                            .name("#c", ProjectCounters.TASK_COUNT).name("#old", current.status().name())
                            .name("#new", next.status().name()).value(":one", 1),
                    Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"));
        }
        boolean newAssignee = next.assigneeId() != null && !next.assigneeId().equals(current.assigneeId());
        int assignee = newAssignee ? checkAssignee(tx, tenant, next.assigneeId()) : -1;
        try {
            tx.execute();
        } catch (DataAccessException.ConditionFailedException e) {
            if (e.failed(0)) {
                throw e.oldItem(0).isEmpty() ? currentOutcome(tenant, projectId, number)
                        : Outcomes.fromOldItem("Task", e.oldItem(0));
            }
            if (e.failed(project) || counters >= 0 && e.failed(counters)) {
                throw ApiException.notFound("Task");
            }
            if (assignee >= 0 && e.failed(assignee)) {
                throw notAMember();
            }
            throw e;
        }
        return item.entity();
    }

    /** Soft delete (the task leaves every list; its count goes), then the purge of its comments and itself. */
    public void delete(TenantId tenant, String projectId, long number, long expectedVersion) {
        TaskItem current = table.getConsistent(Keys.task(tenant, projectId, number), "GetTask")
                .flatMap(TaskItem.MODEL::fromItem).orElseThrow(() -> ApiException.notFound("Task"));
        if (!current.deleted()) {
            Outcomes.requireVersion("The task", expectedVersion, current.version());
            Instant now = writes.now();
            Writes.Transaction tx = writes.transaction("SoftDeleteTask");
            tx.put(writes.replace(TaskItem.MODEL, current, current.softDeleted(now), now),
                    Expr.of("#v = :v AND attribute_not_exists(deletedAt)").name("#v", "version")
                            .value(":v", current.version()));
            tx.update(ProjectCounters.MODEL, Keys.projectCounters(tenant, projectId),
                    Update.set("#c.#s = #c.#s - :one").name("#c", ProjectCounters.TASK_COUNT)
                            .name("#s", current.status().name()).value(":one", 1),
                    Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"));
            try {
                tx.execute();
            } catch (DataAccessException.ConditionFailedException e) {
                throw e.failed(0) ? Outcomes.fromOldItem("Task", e.oldItem(0)) : ApiException.notFound("Task");
            }
        }
        purge.task(tenant, projectId, number);
    }

    /** A live task read consistently; empty when missing or soft-deleted. */
    public Optional<TaskItem> find(TenantId tenant, String projectId, long number) {
        return table.getConsistent(Keys.task(tenant, projectId, number), "GetTask")
                .flatMap(TaskItem.MODEL::fromItem).filter(t -> !t.deleted());
    }

    /** When a store does not return the old item with a cancelled transaction, one consistent read decides. */
    private ApiException currentOutcome(TenantId tenant, String projectId, long number) {
        return find(tenant, projectId, number).map(t -> ApiException.conflict("The task", t.version()))
                .orElseGet(() -> ApiException.notFound("Task"));
    }

    private long allocateNumber(TenantId tenant, String projectId) {
        try {
            Map<String, AttributeValue> next = writes.update("AllocateTaskNumber", ProjectCounters.MODEL,
                    Keys.projectCounters(tenant, projectId),
                    Update.set("#n = #n + :one").name("#n", ProjectCounters.NEXT_NUMBER).value(":one", 1),
                    Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"), ReturnValue.UPDATED_NEW,
                    null);
            return Long.parseLong(next.get(ProjectCounters.NEXT_NUMBER).n()) - 1; // the number this call took
        } catch (DataAccessException.ConditionFailedException e) {
            throw ApiException.notFound("Project");
        }
    }

    private int checkAssignee(Writes.Transaction tx, TenantId tenant, String assigneeId) {
        return tx.check(Keys.user(tenant, UserId.of(assigneeId)),
                Expr.of("#s = :active").name("#s", "status").value(":active", UserStatus.ACTIVE.name()));
    }

    private TaskItem loadCreated(TableKey key) {
        return table.getConsistent(key, "GetTask").flatMap(TaskItem.MODEL::fromItem).filter(t -> !t.deleted())
                .orElseThrow(() -> ApiException.notFound("Task"));
    }

    private static void requireNotCleared(String field, Patch<?> patch) {
        if (patch.present() && patch.value() == null) {
            throw ApiException.badInput(field, field + " cannot be cleared");
        }
    }

    private static ApiException notAMember() {
        return ApiException.badInput("assigneeId", "The assignee must be an active member of this workspace");
    }
}
