package com.tenantgraph.graphql;

import com.tenantgraph.data.ItemReader;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.Page;
import com.tenantgraph.pipeline.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The task lists that cross projects ({@code assignedTasks}, {@code tasksDueBefore}) read tenant-wide indexes, which
 * still hold the tasks of a deleted project until its purge reaches them. These lists show a task only while its
 * project is there and not deleted, read consistently from the base table (one BatchGetItem of the page's distinct
 * projects, which also primes the request's loader, so the tasks' {@code project} fields cost nothing more).
 *
 * <p>Hiding must not shorten a page: when tasks were hidden, the list reads on from the last examined position
 * ({@value #REFILL} at a time) until the page is full or the list ends. The reads per page are bounded
 * ({@value #MAX_QUERIES} queries): a page that reaches the bound stops short with {@code hasNextPage} true and an
 * {@code endCursor} at the last examined position, so the client's next page continues past what was skipped.
 */
final class LiveTasks {
    /** Items asked for by each query after the first, when the first one's page came back with tasks hidden. */
    static final int REFILL = 100;
    /** Queries per page at most (each followed by one BatchGetItem of the projects it found). */
    static final int MAX_QUERIES = 5;

    private LiveTasks() {
    }

    /** The list of {@code reader} without the tasks of deleted projects. */
    static Connections.PageReader<TaskItem> of(RequestContext context, ItemReader reader,
                                               Connections.PageReader<TaskItem> list) {
        return (first, after) -> read(context, reader, list, first, after);
    }

    private static Page<TaskItem> read(RequestContext context, ItemReader reader,
                                       Connections.PageReader<TaskItem> list, int first,
                                       Map<String, AttributeValue> after) {
        if (first == 0) {
            return list.read(0, after);
        }
        Map<String, Boolean> live = new HashMap<>();
        List<Page.Edge<TaskItem>> kept = new ArrayList<>();
        Map<String, AttributeValue> from = after;
        int size = first;
        for (int queries = 1; ; queries++) {
            Page<TaskItem> page = list.read(size, from);
            resolve(context, reader, page, live);
            for (Page.Edge<TaskItem> edge : page.edges()) {
                if (live.get(edge.node().projectId())) {
                    if (kept.size() == first) {
                        return new Page<>(kept, true);
                    }
                    kept.add(edge);
                }
            }
            if (!page.hasNextPage()) {
                return new Page<>(kept, false);
            }
            if (kept.size() == first) {
                return new Page<>(kept, true);
            }
            from = page.edges().get(page.edges().size() - 1).position();
            if (queries == MAX_QUERIES) {
                return new Page<>(kept, true, from);
            }
            size = Math.max(first - kept.size(), REFILL);
        }
    }

    /** Reads the projects of the page not read yet (consistently), and primes the request's loader with them. */
    private static void resolve(RequestContext context, ItemReader reader, Page<TaskItem> page,
                                Map<String, Boolean> live) {
        List<String> unknown = new ArrayList<>(new LinkedHashSet<>(page.nodes().stream().map(TaskItem::projectId)
                .filter(p -> !live.containsKey(p)).toList()));
        if (unknown.isEmpty()) {
            return;
        }
        List<TableKey> keys = unknown.stream().map(p -> Keys.project(context.tenant(), p)).toList();
        List<Map<String, AttributeValue>> items = reader.getAll(keys);
        for (int i = 0; i < keys.size(); i++) {
            Map<String, AttributeValue> item = items.get(i);
            live.put(unknown.get(i), Loads.liveProject(item) != null);
            if (item != null) {
                context.items().prime(keys.get(i), item);
            }
        }
    }
}
