package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.Page;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cross-project task lists without a deleted project's tasks: pages stay full, hasNextPage stays true, reads
 * are bounded, and a page cut short by the bound resumes past what it skipped. Over an in-memory list.
 */
class LiveTasksTest {
    private static final TenantId T = TenantId.of("t1");
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    /** An in-memory list of tasks by position, read as an index Query would be, counting its queries. */
    private static final class FakeList implements Connections.PageReader<TaskItem> {
        final List<TaskItem> tasks = new ArrayList<>();
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public Page<TaskItem> read(int first, Map<String, AttributeValue> after) {
            queries.incrementAndGet();
            int from = after == null ? 0 : Integer.parseInt(after.get("i").n()) + 1;
            List<Page.Edge<TaskItem>> edges = new ArrayList<>();
            for (int i = from; i < Math.min(from + first, tasks.size()); i++) {
                edges.add(new Page.Edge<>(tasks.get(i), Map.of("i", AttributeValue.fromN(Integer.toString(i)))));
            }
            return new Page<>(edges, from + first < tasks.size());
        }
    }

    private static TaskItem task(String projectId, long number) {
        return TaskItem.draft(T, projectId, number, projectId + "-" + number, null, TaskStatus.TODO,
                TaskPriority.MEDIUM, null, "u", null, null);
    }

    /** Projects "live" and "gone" exist; "deleted" is soft-deleted. */
    private static List<Map<String, AttributeValue>> projects(List<TableKey> keys) {
        return keys.stream().map(key -> {
            if (key.equals(Keys.project(T, "live"))) {
                return ProjectItem.MODEL.toItem(ProjectItem.draft(T, "live", "LIVE", "Live", null));
            }
            if (key.equals(Keys.project(T, "deleted"))) {
                return ProjectItem.MODEL.toItem(ProjectItem.draft(T, "deleted", "DEL", "Deleted", null)
                        .softDeleted(NOW));
            }
            return (Map<String, AttributeValue>) null;
        }).toList();
    }

    private static RequestContext context() {
        return RequestContext.create("request", new Caller(T, UserId.of("u"), "u", "u@x.test",
                NOW.plusSeconds(600), ""), LiveTasksTest::projects);
    }

    private static Connections.PageReader<TaskItem> live(FakeList list) {
        return LiveTasks.of(context(), LiveTasksTest::projects, list);
    }

    private static List<String> titles(Page<TaskItem> page) {
        return page.nodes().stream().map(TaskItem::title).toList();
    }

    @Test
    void hiddenTasks_areSkipped_andThePageIsFilledFromFurtherOn() {
        // GIVEN live tasks with tasks of a deleted and of a purged project between them
        FakeList list = new FakeList();
        list.tasks.add(task("live", 1));
        for (int i = 0; i < 30; i++) {
            list.tasks.add(task(i % 2 == 0 ? "deleted" : "gone", i));
        }
        list.tasks.add(task("live", 2));
        list.tasks.add(task("live", 3));
        list.tasks.add(task("live", 4));

        // WHEN pages of 2 are read
        Page<TaskItem> first = live(list).read(2, null);

        // THEN each page is full and only the last says nothing follows
        assertThat(titles(first)).containsExactly("live-1", "live-2");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.resumeAfter()).isNull();
        Page<TaskItem> second = live(list).read(2, first.edges().get(1).position());
        assertThat(titles(second)).containsExactly("live-3", "live-4");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void aPageReachingTheReadBound_endsShort_andResumesPastWhatItSkipped() {
        // GIVEN one live task, then more deleted tasks than one page may examine, then another live task
        FakeList list = new FakeList();
        list.tasks.add(task("live", 1));
        int hidden = 1 + LiveTasks.REFILL * LiveTasks.MAX_QUERIES;
        for (int i = 0; i < hidden; i++) {
            list.tasks.add(task("deleted", 100 + i));
        }
        list.tasks.add(task("live", 2));

        // WHEN a page of 5 is read
        Page<TaskItem> page = live(list).read(5, null);

        // THEN it stopped after the bound of queries, with the one live task, saying more may follow and where
        assertThat(list.queries.get()).isEqualTo(LiveTasks.MAX_QUERIES);
        assertThat(titles(page)).containsExactly("live-1");
        assertThat(page.hasNextPage()).isTrue();
        assertThat(page.resumeAfter()).isNotNull();
        assertThat(Integer.parseInt(page.resumeAfter().get("i").n())).isGreaterThan(0);

        // AND the next page, from there, finds the second live task and the end of the list
        Page<TaskItem> next = live(list).read(5, page.resumeAfter());
        assertThat(titles(next)).containsExactly("live-2");
        assertThat(next.hasNextPage()).isFalse();
    }

    @Test
    void aListWithNothingHidden_costsOneQuery() {
        FakeList list = new FakeList();
        for (int i = 1; i <= 5; i++) {
            list.tasks.add(task("live", i));
        }
        Page<TaskItem> page = live(list).read(3, null);
        assertThat(titles(page)).containsExactly("live-1", "live-2", "live-3");
        assertThat(page.hasNextPage()).isTrue();
        assertThat(list.queries.get()).isEqualTo(1);
    }
}
