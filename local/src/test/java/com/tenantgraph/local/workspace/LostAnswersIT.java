package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.local.faults.Concurrently;
import com.tenantgraph.local.faults.FaultProxy;
import com.tenantgraph.local.faults.FaultProxy.Fault;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes whose answer is lost after DynamoDB applied them, on the single-item paths (editComment's UpdateItem,
 * deleteComment's conditional delete, createTask's number allocation) and on the others (updateProject's Put,
 * deleteTask's transaction and purge): the real handler's client (built by {@code AwsClients}, as deployed) talks to
 * moto through a {@link FaultProxy} that throws answers away. Each writer writes only its own objects, so no
 * CONFLICT, NOT_FOUND or INTERNAL is ever true; every acknowledged write is in the table (read directly), every write
 * reported failed without {@code OUTCOME_UNKNOWN} is not, and OUTCOME_UNKNOWN appears only when every answer is lost.
 */
@ExtendWith(SharedMoto.class)
class LostAnswersIT {
    private static final int WRITERS = 8;
    /** Fewer lost answers than one write's attempts (the SDK's three, then one resend of three): all resolvable. */
    private static final int SOME = WRITERS / 2;

    private FaultProxy proxy;
    private DynamoDbClient viaProxy;
    private MotoBackedApi api;
    private Table table;
    private String projectGid;
    private String projectId;

    /** One answer: the mutation's payload, or its first error's code and reason. */
    record Answer(Map<String, Object> payload, String code, String reason) {
        boolean acknowledged() {
            return payload != null;
        }

        boolean reportedFailed() {
            return payload == null && !"OUTCOME_UNKNOWN".equals(reason);
        }
    }

    @BeforeEach
    void throughAProxy(Table table) {
        this.table = table;
        proxy = new FaultProxy(table.client().serviceClientConfiguration().endpointOverride().orElseThrow());
        viaProxy = DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        api = new MotoBackedApi(new Table(viaProxy, table.name()));
        Map<String, Object> project = payload(call("createProject", """
                mutation { createProject(input: {key: "LOST", name: "Lost answers"}) { project { id } } }""",
                Map.of()), "project");
        projectGid = (String) project.get("id");
        projectId = GlobalId.decode(projectGid, "id").keyParts().get(0);
    }

    @AfterEach
    void close() {
        viaProxy.close();
        proxy.close();
    }

    @Test
    void someAnswersToEditsAndDeletesLost_everyWriteIsAcknowledged_andInTheTable() {
        // GIVEN one task and one comment per writer
        List<Map<String, Object>> comments = concurrently(i -> comment(task(i), i));

        // WHEN each writer edits its own comment while some UpdateItem answers are lost
        int before = proxy.injected();
        proxy.inject(Fault.DROP_RESPONSE, SOME, 0, "UpdateItem");
        List<Answer> edited = concurrently(i -> answer(call("editComment", """
                mutation($i: EditCommentInput!) { editComment(input: $i) { comment { id body version } } }""",
                Map.of("i", Map.of("id", comments.get(i).get("id"), "expectedVersion", 1, "body", "edited " + i)))));
        proxy.heal();

        // THEN every edit is acknowledged (its retry recognised its own write) and stored exactly once
        assertThat(proxy.injected() - before).isEqualTo(SOME);
        assertThat(edited).allMatch(Answer::acknowledged, "every edit acknowledged: " + edited);
        for (int i = 0; i < WRITERS; i++) {
            Map<String, Object> comment = edited.get(i).payload();
            assertThat(comment.get("version")).isEqualTo(2);
            CommentItem stored = storedComment((String) comment.get("id")).orElseThrow();
            assertThat(stored.body()).isEqualTo("edited " + i);
            assertThat(stored.version()).as("applied once").isEqualTo(2);
        }

        // WHEN each writer deletes its comment while some transaction answers are lost
        int beforeDeletes = proxy.injected();
        proxy.inject(Fault.DROP_RESPONSE, SOME, 0, "TransactWriteItems");
        List<Answer> deleted = concurrently(i -> answer(call("deleteComment", """
                mutation($i: DeleteCommentInput!) { deleteComment(input: $i) { deletedCommentId } }""",
                Map.of("i", Map.of("id", comments.get(i).get("id"), "expectedVersion", 2)))));
        proxy.heal();

        // THEN every delete is acknowledged, and every comment is gone
        assertThat(proxy.injected() - beforeDeletes).isEqualTo(SOME);
        assertThat(deleted).allMatch(Answer::acknowledged, "every delete acknowledged: " + deleted);
        for (int i = 0; i < WRITERS; i++) {
            assertThat(storedComment((String) comments.get(i).get("id"))).isEmpty();
        }
    }

    @Test
    void everyAnswerToAnEditLost_isOutcomeUnknown_andTheEditIsAppliedAtMostOnce() {
        // GIVEN a comment per writer
        List<Map<String, Object>> comments = concurrently(i -> comment(task(i), i));

        // WHEN every UpdateItem's answer is lost
        proxy.inject(Fault.DROP_RESPONSE, -1, 0, "UpdateItem");
        List<Answer> edited = concurrently(i -> answer(call("editComment", """
                mutation($i: EditCommentInput!) { editComment(input: $i) { comment { id version } } }""",
                Map.of("i", Map.of("id", comments.get(i).get("id"), "expectedVersion", 1, "body", "edited " + i)))));
        proxy.heal();

        // THEN no one can know, and the answer says so; the table holds each edit once (or not at all)
        assertThat(edited).allSatisfy(a -> assertThat(a.reason()).as(a.toString()).isEqualTo("OUTCOME_UNKNOWN"));
        for (int i = 0; i < WRITERS; i++) {
            CommentItem stored = storedComment((String) comments.get(i).get("id")).orElseThrow();
            assertThat(stored.version()).as("at most once").isBetween(1L, 2L);
            assertThat(stored.body()).isEqualTo(stored.version() == 1 ? "comment " + i : "edited " + i);
        }
    }

    @Test
    void someAnswersToAnyCallLost_createsUpdatesAndDeletes_areAnsweredTruly() {
        // WHEN writers create tasks while some answers to any call are lost (the number allocation included)
        int before = proxy.injected();
        proxy.inject(Fault.DROP_RESPONSE, SOME, 0, null);
        List<Answer> created = concurrently(i -> answer(call("createTask", """
                mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id number version } } }""",
                Map.of("i", Map.of("projectId", projectGid, "title", "task " + i, "clientMutationId", "lost-" + i)))));
        proxy.heal();

        // THEN each acknowledged task is stored under its number, no number twice, numbers below the counter
        assertThat(proxy.injected() - before).isEqualTo(SOME);
        assertTruthful(created);
        Set<Long> numbers = new HashSet<>();
        long next = counters().get(ProjectCounters.NEXT_NUMBER).n().transform(Long::parseLong);
        for (int i = 0; i < WRITERS; i++) {
            if (created.get(i).acknowledged()) {
                long number = ((Number) created.get(i).payload().get("number")).longValue();
                assertThat(numbers.add(number)).as("number " + number + " once").isTrue();
                assertThat(number).isLessThan(next);
                assertThat(table.getConsistent(Keys.task(api.tenant, projectId, number), "test")
                        .flatMap(TaskItem.MODEL::fromItem).map(TaskItem::title)).contains("task " + i);
            }
        }

        // WHEN each writer deletes its acknowledged task, and the project is renamed, while answers are lost
        List<Map<String, Object>> tasks = created.stream().filter(Answer::acknowledged).map(Answer::payload).toList();
        proxy.inject(Fault.DROP_RESPONSE, SOME, 0, null);
        List<Answer> deleted = concurrently(tasks.size(), i -> answer(call("deleteTask", """
                mutation($i: DeleteTaskInput!) { deleteTask(input: $i) { deletedTaskId } }""",
                Map.of("i", Map.of("id", tasks.get(i).get("id"), "expectedVersion", 1)))));
        Answer renamed = answer(call("updateProject", """
                mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id name version } } }""",
                Map.of("i", Map.of("id", projectGid, "expectedVersion", 1, "name", "Renamed"))));
        proxy.heal();

        // THEN every acknowledged delete is gone, every one reported failed is still there; the rename is true
        assertTruthful(deleted);
        for (int i = 0; i < tasks.size(); i++) {
            long number = ((Number) tasks.get(i).get("number")).longValue();
            Optional<TaskItem> stored = table.getConsistent(Keys.task(api.tenant, projectId, number), "test")
                    .flatMap(TaskItem.MODEL::fromItem).filter(t -> !t.deleted());
            if (deleted.get(i).acknowledged()) {
                assertThat(stored).as("deleted task " + number).isEmpty();
            } else if (deleted.get(i).reportedFailed()) {
                assertThat(stored).as("task " + number + ", delete reported failed").isPresent();
            }
        }
        assertTruthful(List.of(renamed));
        ProjectItem project = table.getConsistent(Keys.project(api.tenant, projectId), "test")
                .flatMap(ProjectItem.MODEL::fromItem).orElseThrow();
        if (renamed.acknowledged()) {
            assertThat(project.name()).isEqualTo("Renamed");
            assertThat(project.version()).isEqualTo(2);
        } else if (renamed.reportedFailed()) {
            assertThat(project.version()).isEqualTo(1);
        }
    }

    @Test
    void theCostOfATrueAnswer_isNoExtraCallWhenNothingIsLost() {
        // GIVEN a comment
        Map<String, Object> comment = comment(task(0), 0);

        // WHEN it is edited, then deleted, without any fault
        api.recorder.calls.clear();
        answer(call("editComment", """
                mutation($i: EditCommentInput!) { editComment(input: $i) { comment { id } } }""",
                Map.of("i", Map.of("id", comment.get("id"), "expectedVersion", 1, "body", "edited"))));
        List<String> edit = List.copyOf(api.recorder.calls);
        api.recorder.calls.clear();
        answer(call("deleteComment", """
                mutation($i: DeleteCommentInput!) { deleteComment(input: $i) { deletedCommentId } }""",
                Map.of("i", Map.of("id", comment.get("id"), "expectedVersion", 2))));
        List<String> delete = List.copyOf(api.recorder.calls);

        // THEN each costs the membership read, the read that the comment's task and project are still live, and one
        // write, with nothing for the truth of the answer: the edit's UpdateItem carries its id, the delete is a
        // one-action transaction (one call; DynamoDB bills it as two writes)
        System.out.printf("calls per write: editComment %s, deleteComment %s%n", edit, delete);
        assertThat(edit).containsExactly("BatchGetItem", "BatchGetItem", "UpdateItem");
        assertThat(delete).containsExactly("BatchGetItem", "BatchGetItem", "TransactWriteItems");
        assertThat(storedComment((String) comment.get("id"))).isEmpty();
    }

    /** The answers a caller may trust: a payload, a certain failure (nothing written), or OUTCOME_UNKNOWN. */
    private static void assertTruthful(List<Answer> answers) {
        assertThat(answers).allSatisfy(a -> {
            if (!a.acknowledged()) {
                assertThat(a.code()).as(a.toString()).isIn("UNAVAILABLE", "RATE_LIMITED");
            }
        });
    }

    private Map<String, Object> task(int writer) {
        return payload(call("createTask", """
                mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
                Map.of("i", Map.of("projectId", projectGid, "title", "own task " + writer))), "task");
    }

    private Map<String, Object> comment(Map<String, Object> task, int writer) {
        return payload(call("addComment", """
                mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id version } } }""",
                Map.of("i", Map.of("taskId", task.get("id"), "body", "comment " + writer))), "comment");
    }

    private Optional<CommentItem> storedComment(String gid) {
        List<String> parts = GlobalId.decode(gid, "id").keyParts();
        TableKey key = Keys.comment(api.tenant, parts.get(0), Long.parseLong(parts.get(1)),
                Instant.ofEpochMilli(Long.parseLong(parts.get(2))), parts.get(3));
        return table.getConsistent(key, "test").flatMap(CommentItem.MODEL::fromItem);
    }

    private Map<String, AttributeValue> counters() {
        return table.getConsistent(Keys.projectCounters(api.tenant, projectId), "test").orElseThrow();
    }

    /** The mutation's result object, under its name in the response. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String mutation, String query, Map<String, Object> variables) {
        Map<String, Object> body = api.graphql(api.admin, query, variables);
        return Map.of("mutation", mutation, "body", body);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> call, String field) {
        Map<String, Object> body = (Map<String, Object>) call.get("body");
        assertThat(body).as(body.toString()).doesNotContainKey("errors");
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        return (Map<String, Object>) ((Map<String, Object>) data.get(call.get("mutation"))).get(field);
    }

    @SuppressWarnings("unchecked")
    private static Answer answer(Map<String, Object> call) {
        Map<String, Object> body = (Map<String, Object>) call.get("body");
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        if (errors != null && !errors.isEmpty()) {
            Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
            return new Answer(null, (String) extensions.get("code"), (String) extensions.get("reason"));
        }
        Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) body.get("data"))
                .get(call.get("mutation"));
        Object object = payload.values().iterator().next();
        return new Answer(object instanceof Map<?, ?> map ? (Map<String, Object>) map : payload, null, null);
    }

    private static <T> List<T> concurrently(IntFunction<T> writer) {
        return concurrently(WRITERS, writer);
    }

    private static <T> List<T> concurrently(int writers, IntFunction<T> writer) {
        return Concurrently.run(writers, writer);
    }
}
