package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.workspace.Purge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A purge that runs out of its time budget stops between batches and records how far it got; each run after it
 * continues from there (never from task #1 again), and what is already gone is no obstacle. Against moto, with a
 * clock that moves a minute each time it is read, so that a 90-second budget allows exactly one batch per run.
 */
@ExtendWith(SharedMoto.class)
class PurgeResumeIT {
    private static final String CREATE_PROJECT = """
            mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }""";
    private static final String CREATE_TASK = """
            mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""";
    private static final String ADD_COMMENT = """
            mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }""";

    @Test
    void purge_stopsWhenItsBudgetIsSpent_andEachRunContinuesWhereTheLastStopped(Table table) {
        // GIVEN a project with 60 tasks (more than two batches of 25), each with a comment
        MotoBackedApi api = new MotoBackedApi(table);
        String projectGlobalId = data(api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "PURGE",
                "name", "To purge"))), "createProject", "project");
        for (int i = 1; i <= 60; i++) {
            String task = data(api.graphql(api.admin, CREATE_TASK, Map.of("i", Map.of("projectId", projectGlobalId,
                    "title", "Task " + i))), "createTask", "task");
            api.graphql(api.admin, ADD_COMMENT, Map.of("i", Map.of("taskId", task, "body", "Comment " + i)));
        }
        String projectId = GlobalId.decode(projectGlobalId, "id").keyParts().get(0);

        // WHEN a purge with a 90-second budget runs on a clock that moves a minute per reading
        Purge.Progress first = oneBatchPurge(table).project(api.tenant, projectId);

        // THEN it stopped after the first batch: tasks 1-25 are gone, 26-60 and the project item remain
        assertThat(first).isEqualTo(new Purge.Progress(false, 26, 61));
        assertThat(LongStream.rangeClosed(1, 25)).allSatisfy(n -> assertThat(exists(table, api, projectId, n)).isFalse());
        assertThat(LongStream.rangeClosed(26, 60)).allSatisfy(n -> assertThat(exists(table, api, projectId, n)).isTrue());
        assertThat(table.getConsistent(Keys.project(api.tenant, projectId), "test")).isPresent();

        // WHEN it runs again with the same budget
        Purge.Progress second = oneBatchPurge(table).project(api.tenant, projectId);

        // THEN it continued from task 26 (a purge starting over at task 1 would spend its batch on what is gone)
        assertThat(second).isEqualTo(new Purge.Progress(false, 51, 61));
        assertThat(LongStream.rangeClosed(26, 50)).allSatisfy(n -> assertThat(exists(table, api, projectId, n)).isFalse());
        assertThat(LongStream.rangeClosed(51, 60)).allSatisfy(n -> assertThat(exists(table, api, projectId, n)).isTrue());

        // WHEN it runs a third time
        Purge.Progress third = oneBatchPurge(table).project(api.tenant, projectId);

        // THEN everything of the project is gone: tasks, comments, counters and the project itself
        assertThat(third.complete()).isTrue();
        assertThat(LongStream.rangeClosed(1, 60)).allSatisfy(n -> assertThat(exists(table, api, projectId, n)).isFalse());
        assertThat(table.getConsistent(Keys.projectCounters(api.tenant, projectId), "test")).isEmpty();
        assertThat(table.getConsistent(Keys.project(api.tenant, projectId), "test")).isEmpty();
        assertThat(table.client().query(q -> q.tableName(table.name()).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS(Keys.taskPartition(api.tenant, projectId, 57))))).count()).isZero();
    }

    /** A purge whose budget (90 s) is spent after one batch, on a clock that moves a minute per reading. */
    private static Purge oneBatchPurge(Table table) {
        Clock ticking = new TickingClock(Instant.now(), Duration.ofMinutes(1));
        return new Purge(table, new Writes(table, ticking), Runnable::run, ticking, Duration.ofSeconds(90));
    }

    private static boolean exists(Table table, MotoBackedApi api, String projectId, long number) {
        return table.getConsistent(Keys.task(api.tenant, projectId, number), "test").isPresent();
    }

    @SuppressWarnings("unchecked")
    private static String data(Map<String, Object> body, String field, String object) {
        assertThat(body).doesNotContainKey("errors");
        Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) body.get("data")).get(field);
        return (String) ((Map<String, Object>) payload.get(object)).get("id");
    }

    /** Moves forward by a fixed step every time it is read. */
    private static final class TickingClock extends Clock {
        private final Duration step;
        private Instant now;

        TickingClock(Instant start, Duration step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            Instant current = now;
            now = now.plus(step);
            return current;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
