package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Identical creates with one {@code clientMutationId}, sent at the same moment through the local API Gateway to the
 * real handler: every one of them is answered with the one object created, none with an error, for each create
 * that takes a key (createProject, createTask, addComment).
 */
@ExtendWith(SharedLocalStack.class)
class IdempotentRacesIT {
    private static final int CLIENTS = 10;

    @Test
    void tenIdenticalCreateProjects_allGetTheOneProject(LocalStack stack) {
        Gql max = Gql.as(stack, "max@acme.test");
        String key = Workspace.uniqueKey();
        Map<String, Object> input = Map.of("key", key, "name", "Raced", "clientMutationId", "race-" + key);

        List<ApiClient.Response> answers = race(() -> max.run(Workspace.CREATE_PROJECT, Map.of("input", input)));

        List<Object> ids = answers.stream().map(r -> {
            assertThat(r.body()).as("every identical retry gets the project").doesNotContainKey("errors");
            return at(r.body(), "data", "createProject", "project", "id");
        }).distinct().toList();
        assertThat(ids).hasSize(1);
        String projects = max.ok("{ projects(first: 100) { edges { node { key } } } }").toString();
        assertThat(projects.split(key, -1)).as("one project with the key").hasSize(2);
    }

    @Test
    void tenIdenticalCreateTasks_allGetTheOneTask_andOneNumberIsUsed(LocalStack stack) {
        Gql max = Gql.as(stack, "max@acme.test");
        String projectId = (String) Workspace.createProject(max, Workspace.uniqueKey()).get("id");
        Map<String, Object> input = Map.of("projectId", projectId, "title", "Raced", "clientMutationId",
                "race-task-" + projectId);

        List<ApiClient.Response> answers = race(() -> max.run(Workspace.CREATE_TASK, Map.of("input", input)));

        assertThat(answers).allSatisfy(r -> assertThat(r.body()).doesNotContainKey("errors"));
        assertThat(answers.stream().map(r -> at(r.body(), "data", "createTask", "task", "id")).distinct())
                .hasSize(1);
        Map<String, Object> counts = max.ok("query($id: ID!) { node(id: $id) { ... on Project { taskCounts { total } } } }",
                Map.of("id", projectId));
        assertThat(at(counts, "node", "taskCounts", "total")).isEqualTo(1);
    }

    @Test
    void tenIdenticalAddComments_allGetTheOneComment(LocalStack stack) {
        Gql max = Gql.as(stack, "max@acme.test");
        String projectId = (String) Workspace.createProject(max, Workspace.uniqueKey()).get("id");
        String taskId = (String) Workspace.createTask(max, projectId, Map.of()).get("id");
        Map<String, Object> input = Map.of("taskId", taskId, "body", "Raced", "clientMutationId",
                "race-comment-" + taskId);

        List<ApiClient.Response> answers = race(() -> max.run(Workspace.ADD_COMMENT, Map.of("input", input)));

        assertThat(answers).allSatisfy(r -> assertThat(r.body()).doesNotContainKey("errors"));
        assertThat(answers.stream().map(r -> at(r.body(), "data", "addComment", "comment", "id")).distinct())
                .hasSize(1);
        Map<String, Object> comments = max.ok("query($id: ID!) { node(id: $id) { ... on Task {"
                + " comments(first: 100) { edges { node { id } } } } } }", Map.of("id", taskId));
        assertThat(Gql.list(at(comments, "node", "comments", "edges"))).hasSize(1);
    }

    /** Runs {@code CLIENTS} copies of a request, released together. */
    private static List<ApiClient.Response> race(Supplier<ApiClient.Response> request) {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(clients.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<ApiClient.Response> answers = new ArrayList<>();
            for (Future<ApiClient.Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            clients.shutdownNow();
        }
    }
}
