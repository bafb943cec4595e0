package com.tenantgraph.workspace;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.ProjectKeyMarker;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Project writes, as docs/data-model.md §7 describes them: each one transaction whose conditions are spelled out here.
 * The role is checked before (Guard); these conditions protect the data.
 */
public final class ProjectService {
    public static final String CREATE = "createProject";

    private final Table table;
    private final Writes writes;
    private final Idempotency idempotency;
    private final Purge purge;

    public ProjectService(Table table, Writes writes, Idempotency idempotency, Purge purge) {
        this.table = table;
        this.writes = writes;
        this.idempotency = idempotency;
        this.purge = purge;
    }

    /** What a caller gives to create a project. */
    public record NewProject(String key, String name, String description) {
    }

    /** A partial update of a project. */
    public record ProjectChanges(Patch<String> key, Patch<String> name, Patch<String> description) {
    }

    /** A project by id, read consistently; empty when missing or soft-deleted. */
    public Optional<ProjectItem> find(TenantId tenant, String projectId) {
        return table.getConsistent(Keys.project(tenant, projectId), "GetProject")
                .flatMap(ProjectItem.MODEL::fromItem).filter(p -> !p.deleted());
    }

    /** The project id a key points at (consistent read of the key marker). */
    public Optional<String> idOfKey(TenantId tenant, String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        if (!com.tenantgraph.data.model.Rules.PROJECT_KEY.matcher(upper).matches()) {
            return Optional.empty();
        }
        return table.getConsistent(Keys.projectKeyMarker(tenant, upper), "GetProjectKey")
                .flatMap(ProjectKeyMarker.MODEL::fromItem).map(ProjectKeyMarker::projectId);
    }

    public ProjectItem create(TenantId tenant, UserId caller, NewProject input, IdempotencyKey key) {
        ProjectItem draft = ProjectItem.draft(tenant, UUID.randomUUID().toString(), upper(input.key()), input.name(),
                input.description());
        ProjectItem.MODEL.validate(draft);
        Optional<TableKey> earlier = idempotency.replay(tenant, key, CREATE, caller);
        if (earlier.isPresent()) {
            return loadCreated(earlier.get());
        }
        Instant now = writes.now();
        Writes.Prepared<ProjectItem> project = writes.create(ProjectItem.MODEL, draft, now);
        Writes.Transaction tx = writes.transaction("CreateProject");
        tx.put(project, Expr.of("attribute_not_exists(PK)"));
        int marker = tx.put(writes.create(ProjectKeyMarker.MODEL,
                new ProjectKeyMarker(tenant, draft.key(), draft.projectId()), now), Expr.of("attribute_not_exists(PK)"));
        tx.put(writes.create(ProjectCounters.MODEL, ProjectCounters.initial(tenant, draft.projectId()), now),
                Expr.of("attribute_not_exists(PK)"));
        int record = idempotency.record(tx, tenant, key, CREATE, caller, draft.tableKey(), now);
        try {
            tx.execute();
        } catch (DataAccessException.ConditionFailedException e) {
            // The idempotency record decides first: an identical retry racing the first create finds the key marker
            // taken by that very create (whether or not the store also reports the record's failed condition).
            Optional<TableKey> concurrent = record >= 0 ? idempotency.replay(tenant, key, CREATE, caller)
                    : Optional.empty();
            if (concurrent.isPresent()) {
                return loadCreated(concurrent.get());
            }
            if (e.failed(marker)) {
                throw keyTaken(draft.key());
            }
            throw e;
        }
        return project.entity();
    }

    public ProjectItem update(TenantId tenant, String projectId, long expectedVersion, ProjectChanges changes) {
        ProjectItem current = find(tenant, projectId).orElseThrow(() -> ApiException.notFound("Project"));
        Outcomes.requireVersion("The project", expectedVersion, current.version());
        if (changes.key().present() && changes.key().value() == null) {
            throw ApiException.badInput("key", "key cannot be cleared");
        }
        if (changes.name().present() && changes.name().value() == null) {
            throw ApiException.badInput("name", "name cannot be cleared");
        }
        ProjectItem next = current.withChanges(upper(changes.key().or(current.key())),
                changes.name().or(current.name()), changes.description().or(current.description()));
        Writes.Prepared<ProjectItem> item = writes.replace(ProjectItem.MODEL, current, next, writes.now());
        Expr unchanged = Expr.of("#v = :v AND attribute_not_exists(deletedAt)").name("#v", "version")
                .value(":v", current.version());
        boolean keyChanges = !next.key().equals(current.key());
        try {
            if (!keyChanges) {
                writes.put("UpdateProject", item, unchanged);
            } else {
                Writes.Transaction tx = writes.transaction("UpdateProjectKey");
                tx.put(item, unchanged);
                tx.delete(ProjectKeyMarker.MODEL, Keys.projectKeyMarker(tenant, current.key()),
                        Expr.of("projectId = :p").value(":p", projectId));
                int marker = tx.put(writes.create(ProjectKeyMarker.MODEL,
                        new ProjectKeyMarker(tenant, next.key(), projectId), writes.now()),
                        Expr.of("attribute_not_exists(PK)"));
                try {
                    tx.execute();
                } catch (DataAccessException.ConditionFailedException e) {
                    if (e.failed(marker) && !e.failed(0)) {
                        throw keyTaken(next.key());
                    }
                    throw e;
                }
            }
        } catch (DataAccessException.ConditionFailedException e) {
            throw Outcomes.fromOldItem("Project", e.oldItem(0));
        }
        return item.entity();
    }

    /**
     * Soft delete (one transaction: the project leaves every list, its key is free, its counters refuse new tasks;
     * from then on no read shows the project, its tasks or their comments), then the purge within the time budget.
     * Deleting an already soft-deleted project resumes its purge where it stopped. Returns where the purge stands.
     */
    public Purge.Progress delete(TenantId tenant, String projectId, long expectedVersion) {
        ProjectItem current = table.getConsistent(Keys.project(tenant, projectId), "GetProject")
                .flatMap(ProjectItem.MODEL::fromItem).orElseThrow(() -> ApiException.notFound("Project"));
        if (!current.deleted()) {
            softDelete(tenant, current, expectedVersion);
        }
        return purge.project(tenant, projectId);
    }

    private void softDelete(TenantId tenant, ProjectItem current, long expectedVersion) {
        Outcomes.requireVersion("The project", expectedVersion, current.version());
        Instant now = writes.now();
        Writes.Transaction tx = writes.transaction("SoftDeleteProject");
        tx.put(writes.replace(ProjectItem.MODEL, current, current.softDeleted(now), now),
                Expr.of("#v = :v AND attribute_not_exists(deletedAt)").name("#v", "version")
                        .value(":v", current.version()));
        tx.delete(ProjectKeyMarker.MODEL, Keys.projectKeyMarker(tenant, current.key()),
                Expr.of("projectId = :p").value(":p", current.projectId()));
        tx.update(ProjectCounters.MODEL, Keys.projectCounters(tenant, current.projectId()),
                Update.set("deletedAt = :now").value(":now", com.tenantgraph.data.Timestamps.format(now)),
                Expr.of("attribute_exists(PK)"));
        try {
            tx.execute();
        } catch (DataAccessException.ConditionFailedException e) {
            throw Outcomes.fromOldItem("Project", e.oldItem(0));
        }
    }

    private ProjectItem loadCreated(TableKey key) {
        return table.getConsistent(key, "GetProject").flatMap(ProjectItem.MODEL::fromItem).filter(p -> !p.deleted())
                .orElseThrow(() -> ApiException.notFound("Project"));
    }

    private static ApiException keyTaken(String key) {
        return ApiException.badInput("key", "The project key " + key + " is already used in this workspace");
    }

    private static String upper(String key) {
        return key == null ? null : key.trim().toUpperCase(Locale.ROOT);
    }
}
