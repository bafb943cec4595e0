package com.tenantgraph.workspace;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The second half of deleting a soft-deleted project or task: its items are removed with single DeleteItems, at most
 * {@value #BATCH} at a time (the function has no BatchWriteItem: a purge is rare, and per-item deletes keep IAM to
 * item actions), within a time budget. It enumerates from the base table only (task numbers from the counters,
 * comments by a consistent Query), never from an index.
 *
 * <p>A project's purge keeps a cursor on the project's counters item ({@code purgeNext}: every task number below it
 * is gone), advanced after each batch with a condition that only moves it forward. A purge that stopped (budget
 * spent, function ended, error) therefore continues where it stopped, whoever resumes it: deleteProject again, or the
 * operators' {@code projects purge}. Two purges of one project at the same time only repeat a batch, as deleting
 * what is already gone is a no-op. The project item goes last, so until the very end the project is there, marked
 * deleted, for every read that checks it (docs/data-model.md §7).
 */
public final class Purge {
    static final int BATCH = 25;

    private final Table table;
    private final Writes writes;
    private final Executor executor;
    private final Clock clock;
    private final Duration budget;

    public Purge(Table table, Writes writes, Executor executor, Clock clock, Duration budget) {
        this.table = table;
        this.writes = writes;
        this.executor = executor;
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * Where a project's purge stands after a run: {@code complete} when every item of the project is gone; otherwise
     * {@code nextNumber} is the first task number still to purge, of {@code endNumber} (exclusive).
     */
    public record Progress(boolean complete, long nextNumber, long endNumber) {
        static Progress done() {
            return new Progress(true, 0, 0);
        }
    }

    /** Purges a soft-deleted project's tasks, comments, counters and item, from its cursor, within the budget. */
    public Progress project(TenantId tenant, String projectId) {
        Instant deadline = clock.instant().plus(budget);
        TableKey countersKey = Keys.projectCounters(tenant, projectId);
        Map<String, AttributeValue> counters = table.getConsistent(countersKey, "GetCounters").orElse(null);
        if (counters != null) {
            long end = ProjectCounters.MODEL.fromItem(counters).map(ProjectCounters::nextNumber).orElse(1L);
            AttributeValue cursor = counters.get(ProjectCounters.PURGE_NEXT);
            long from = cursor == null ? 1 : Long.parseLong(cursor.n());
            while (from < end) {
                if (clock.instant().isAfter(deadline)) {
                    return new Progress(false, from, end);
                }
                long to = Math.min(from + BATCH, end);
                List<CompletableFuture<Void>> batch = new ArrayList<>();
                for (long n = from; n < to; n++) {
                    long number = n;
                    // each task's comments go on the thread purging it: a pool thread waiting on work queued
                    // behind its own batch on the same pool could wait forever
                    batch.add(CompletableFuture.runAsync(() -> task(tenant, projectId, number, Runnable::run),
                            executor));
                }
                join(batch);
                advance(countersKey, to);
                from = to;
            }
            writes.delete("PurgeCounters", ProjectCounters.MODEL, countersKey, null);
        }
        writes.delete("PurgeProject", ProjectItem.MODEL, Keys.project(tenant, projectId), null);
        return Progress.done();
    }

    /** Moves the cursor forward to {@code to}; a cursor already further (a concurrent purge) or gone stays as it is. */
    private void advance(TableKey countersKey, long to) {
        try {
            writes.update("AdvancePurge", ProjectCounters.MODEL, countersKey,
                    Update.set("#c = :to").name("#c", ProjectCounters.PURGE_NEXT).value(":to", to),
                    Expr.of("attribute_exists(PK) AND (attribute_not_exists(#c) OR #c < :to)"), ReturnValue.NONE,
                    null);
        } catch (DataAccessException.ConditionFailedException e) {
            // another run of this purge is ahead, or finished: nothing to record
        }
    }

    /** Purges one task's comments, then the task item (whatever state it is in). */
    public void task(TenantId tenant, String projectId, long number) {
        task(tenant, projectId, number, executor);
    }

    private void task(TenantId tenant, String projectId, long number, Executor commentDeletes) {
        Query<CommentItem> comments = CommentItem.ofTask(tenant, projectId, number).consistent().limit(100);
        List<CommentItem> page = table.first(comments);
        while (!page.isEmpty()) {
            List<CompletableFuture<Void>> deletes = new ArrayList<>();
            for (CommentItem comment : page) {
                deletes.add(CompletableFuture.runAsync(() -> writes.delete("PurgeComment", CommentItem.MODEL,
                        comment.tableKey(), null), commentDeletes));
                if (deletes.size() == BATCH) {
                    join(deletes);
                    deletes.clear();
                }
            }
            join(deletes);
            page = table.first(comments);
        }
        writes.delete("PurgeTask", TaskItem.MODEL, Keys.task(tenant, projectId, number), null);
    }

    private static void join(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
