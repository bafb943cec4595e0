package com.tenantgraph.workspace;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.Query;
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

/**
 * The second half of deleting a soft-deleted project or task: its items are removed with single DeleteItems, at most
 * {@value #BATCH} at a time (the function has no BatchWriteItem: a purge is rare, and per-item deletes keep IAM to
 * item actions), within a time budget. It enumerates from the base table only (task numbers from the counters,
 * comments by a consistent Query), never from an index. Deleting what is already gone is a no-op, so a purge that
 * stopped early (budget spent, function ended) simply resumes when deleteProject or deleteTask is called again.
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

    /** Purges a soft-deleted project's tasks, comments, counters and item; false if the budget ran out first. */
    public boolean project(TenantId tenant, String projectId) {
        Instant deadline = clock.instant().plus(budget);
        Map<String, AttributeValue> counters = table.getConsistent(Keys.projectCounters(tenant, projectId),
                "GetCounters").orElse(null);
        if (counters != null) {
            long next = ProjectCounters.MODEL.fromItem(counters).map(ProjectCounters::nextNumber).orElse(1L);
            for (long from = 1; from < next; from += BATCH) {
                if (clock.instant().isAfter(deadline)) {
                    return false;
                }
                List<CompletableFuture<Void>> batch = new ArrayList<>();
                for (long n = from; n < Math.min(from + BATCH, next); n++) {
                    long number = n;
                    batch.add(CompletableFuture.runAsync(() -> task(tenant, projectId, number), executor));
                }
                join(batch);
            }
            writes.delete("PurgeCounters", ProjectCounters.MODEL, Keys.projectCounters(tenant, projectId), null);
        }
        writes.delete("PurgeProject", ProjectItem.MODEL, Keys.project(tenant, projectId), null);
        return true;
    }

    /** Purges one task's comments, then the task item (whatever state it is in). */
    public void task(TenantId tenant, String projectId, long number) {
        Query<CommentItem> comments = CommentItem.ofTask(tenant, projectId, number).limit(100);
        List<CommentItem> page = table.first(comments);
        while (!page.isEmpty()) {
            List<CompletableFuture<Void>> deletes = new ArrayList<>();
            for (CommentItem comment : page) {
                deletes.add(CompletableFuture.runAsync(() -> writes.delete("PurgeComment", CommentItem.MODEL,
                        comment.tableKey(), null), executor));
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
