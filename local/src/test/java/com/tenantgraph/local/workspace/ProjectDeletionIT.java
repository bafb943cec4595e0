package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.operator.OperatorCli;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.UserId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deleting a large project through the real handler, against moto: the project's thousands of tasks and their
 * comments disappear from every read at once (the cross-project lists included, with their pages still paginating
 * through every live task), each resumed deleteProject continues the purge where the last stopped and says truthfully
 * whether it finished, and the operators' command finishes a purge the mutation left. The large project is seeded
 * with BatchWriteItem (moto copies a whole table for each transaction, so thousands of API creates would take
 * minutes); every DeleteItem the function sends is slowed down, so that one request's 5-second budget cannot purge
 * it all and the resumption is really exercised. moto scans its whole table for every Query, so the purge of 2,000
 * tasks takes a few minutes here, where DynamoDB needs seconds.
 */
@ExtendWith(SharedMoto.class)
class ProjectDeletionIT {
    private static final String CREATE_PROJECT = """
            mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id version } } }""";
    private static final String CREATE_TASK = """
            mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""";
    private static final String ADD_COMMENT = """
            mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id version } } }""";
    private static final String DELETE_PROJECT = """
            mutation($i: DeleteProjectInput!) { deleteProject(input: $i) { deletedProjectId purgeComplete } }""";
    private static final String DUE = """
            query($after: String) { tasksDueBefore(date: "2100-01-01", first: 10, after: $after) {
                edges { node { id title description project { key } comments(first: 5) { edges { node { body } } } } }
                pageInfo { hasNextPage endCursor } } }""";
    private static final String ASSIGNED = """
            query($after: String) { me { assignedTasks(first: 10, after: $after) {
                edges { node { id title project { key } } } pageInfo { hasNextPage endCursor } } } }""";

    private static final int BIG_TASKS = 2_000;
    private static final int KEPT_TASKS = 12;
    private static final LocalDate FIRST_DUE = LocalDate.parse("2030-01-01");

    @Test
    void deletingAProjectOfThousandsOfTasks_hidesThemAtOnce_andEveryResumeProgressesUntilDone(Table table) {
        // GIVEN a project of 2,000 tasks (every tenth with two comments), all assigned to one member and due on
        // twelve days, and a second project with 12 tasks assigned to the same member, one due on each of those days
        MotoBackedApi api = new MotoBackedApi(table, new SlowDeletes(15));
        UserId alice = api.addMember("alice", Role.MEMBER);
        Project kept = createProject(api, "KEEP");
        for (int i = 0; i < KEPT_TASKS; i++) {
            assertThat(api.graphql(api.admin, CREATE_TASK, Map.of("i", Map.of("projectId", kept.globalId(),
                    "title", "Kept " + i, "dueDate", FIRST_DUE.plusDays(i).toString(),
                    "assigneeId", GlobalId.encode("User", alice.value()))))).doesNotContainKey("errors");
        }
        Project big = createProject(api, "BIG");
        String firstTask = data(api.graphql(api.admin, CREATE_TASK, Map.of("i", Map.of("projectId", big.globalId(),
                "title", "Big 1", "dueDate", FIRST_DUE.toString(),
                "assigneeId", GlobalId.encode("User", alice.value())))), "createTask", "task").get("id").toString();
        Map<String, Object> comment = data(api.graphql(alice, ADD_COMMENT, Map.of("i", Map.of("taskId", firstTask,
                "body", "a comment on a task of the big project"))), "addComment", "comment");
        seedTasks(table, api, big.projectId(), alice);
        assertThat(api.graphql(alice, DUE, new HashMap<>()).toString()).contains("Big ");

        // WHEN an ADMIN deletes the big project
        Map<String, Object> first = data(api.graphql(api.admin, DELETE_PROJECT, Map.of("i", Map.of("id",
                big.globalId(), "expectedVersion", big.version()))), "deleteProject");

        // THEN the mutation says the purge is not complete, and it is not: tasks remain in the table
        assertThat(first).containsEntry("deletedProjectId", big.globalId()).containsEntry("purgeComplete", false);
        long remaining = remainingTasks(table, api, big.projectId());
        assertThat(remaining).isPositive();

        // AND no read shows the project, its tasks or their comments any more, while every kept task is still listed,
        // in order, each exactly once, page by page
        assertHidden(api, alice, big, firstTask, comment);

        // WHEN deleteProject is called again until it says the purge is complete
        int calls = 1;
        boolean complete = false;
        while (!complete) {
            // every call must remove tasks (asserted below), so this loop ends; the bound only stops a broken one
            assertThat(calls).as("deleteProject calls before the purge completes").isLessThan(500);
            Map<String, Object> again = data(api.graphql(api.admin, DELETE_PROJECT, Map.of("i", Map.of("id",
                    big.globalId(), "expectedVersion", big.version()))), "deleteProject");
            calls++;
            complete = (Boolean) again.get("purgeComplete");
            long now = remainingTasks(table, api, big.projectId());

            // THEN every call removed more tasks (it continued where the last one stopped), and the project stays
            // hidden all along
            assertThat(now).as("tasks left after call " + calls).isLessThan(remaining);
            remaining = now;
            assertThat(complete).isEqualTo(remaining == 0);
        }

        // AND once complete nothing of the project is left in the table, and deleting it again finds nothing
        assertThat(calls).isGreaterThan(1);
        assertNothingLeft(table, api, big.projectId());
        assertThat(errorCodes(api.graphql(api.admin, DELETE_PROJECT, Map.of("i", Map.of("id", big.globalId(),
                "expectedVersion", big.version()))))).containsExactly("NOT_FOUND");
        assertThat(titles(pages(api, alice, DUE, "tasksDueBefore"))).containsExactlyElementsOf(keptTitles());
        assertThat(titles(pages(api, alice, ASSIGNED, "me", "assignedTasks")))
                .containsExactlyInAnyOrderElementsOf(keptTitles());
    }

    @Test
    void theOperatorCommand_finishesAPurgeTheMutationLeft(Table table) {
        // GIVEN a deleted project of 300 tasks whose purge the mutation could not finish
        MotoBackedApi api = new MotoBackedApi(table, new SlowDeletes(150));
        UserId alice = api.addMember("alice", Role.MEMBER);
        Project big = createProject(api, "OPS");
        Project live = createProject(api, "LIVE");
        seedTasks(table, api, big.projectId(), alice, 300);
        Map<String, Object> deleted = data(api.graphql(api.admin, DELETE_PROJECT, Map.of("i", Map.of("id",
                big.globalId(), "expectedVersion", big.version()))), "deleteProject");
        assertThat(deleted).containsEntry("purgeComplete", false);
        Map<String, String> env = Map.of("TABLE_NAME", table.name(), "AWS_REGION", "us-east-1",
                "DYNAMODB_ENDPOINT", table.client().serviceClientConfiguration().endpointOverride().orElseThrow()
                        .toString());

        // WHEN an operator asks to purge a project that is not deleted
        CliResult refused = cli(env, "projects", "purge", "--tenant", api.tenant.value(), "--project",
                live.projectId());

        // THEN it refuses and changes nothing
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("is not deleted");
        assertThat(table.getConsistent(Keys.project(api.tenant, live.projectId()), "test")).isPresent();

        // WHEN the operator finishes the tenant's unfinished purges
        CliResult purged = cli(env, "projects", "purge", "--tenant", api.tenant.value());

        // THEN the deleted project was found among them and is gone entirely; the live one is untouched
        assertThat(purged.exitCode()).as(purged.err()).isZero();
        assertThat(purged.out()).contains("purged project " + big.projectId()).contains("done: 1 project");
        assertNothingLeft(table, api, big.projectId());
        assertThat(table.getConsistent(Keys.project(api.tenant, live.projectId()), "test")).isPresent();

        // AND a second run finds nothing to do, and a bad option is a usage error
        assertThat(cli(env, "projects", "purge", "--tenant", api.tenant.value()).out()).contains("done: 0 projects");
        assertThat(cli(env, "projects", "purge", "--tenant", api.tenant.value(), "--project", "a#b").exitCode())
                .isEqualTo(2);
    }

    // ---- the reads that must not show a deleted project -----------------------------------------------------

    private static void assertHidden(MotoBackedApi api, UserId alice, Project big, String firstTask,
                                     Map<String, Object> comment) {
        List<Map<String, Object>> due = pages(api, alice, DUE, "tasksDueBefore");
        assertThat(titles(due)).containsExactlyElementsOf(keptTitles());
        List<Map<String, Object>> assigned = pages(api, alice, ASSIGNED, "me", "assignedTasks");
        assertThat(titles(assigned)).containsExactlyInAnyOrderElementsOf(keptTitles());

        assertThat(errorCodes(api.graphql(alice, "query($id: ID!) { node(id: $id) { id } }",
                Map.of("id", firstTask)))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(api.graphql(alice, "query($id: ID!) { node(id: $id) { id } }",
                Map.of("id", comment.get("id"))))).containsExactly("NOT_FOUND");
        Map<String, Object> nodes = api.graphql(alice, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", List.of(firstTask, comment.get("id"), big.globalId())));
        assertThat((List<?>) ((Map<?, ?>) nodes.get("data")).get("nodes")).containsOnlyNulls().hasSize(3);
        assertThat(errorCodes(api.graphql(alice, "{ task(number: \"BIG-1\") { id } }", Map.of())))
                .containsExactly("NOT_FOUND");
        assertThat(errorCodes(api.graphql(alice, "query($id: ID!) { project(id: $id) { id } }",
                Map.of("id", big.globalId())))).containsExactly("NOT_FOUND");
        assertThat(api.graphql(alice, "{ projects { edges { node { key } } } }", Map.of()).toString())
                .contains("KEEP").doesNotContain("BIG");

        // nor does any write reach them
        assertThat(errorCodes(api.graphql(alice, ADD_COMMENT, Map.of("i", Map.of("taskId", firstTask,
                "body", "too late"))))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(api.graphql(alice, """
                mutation($i: EditCommentInput!) { editComment(input: $i) { comment { body } } }""",
                Map.of("i", Map.of("id", comment.get("id"), "expectedVersion", comment.get("version"),
                        "body", "edited after the delete"))))).containsExactly("NOT_FOUND");
        assertThat(errorCodes(api.graphql(api.admin, CREATE_TASK, Map.of("i", Map.of("projectId", big.globalId(),
                "title", "too late"))))).containsExactly("NOT_FOUND");
    }

    private static List<String> keptTitles() {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < KEPT_TASKS; i++) {
            titles.add("Kept " + i);
        }
        return titles;
    }

    /**
     * Every node of a list, following endCursor until hasNextPage is false; each page is full except the last, or
     * ends where the list's bounded reads stopped (its endCursor then resumes past what was skipped).
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pages(MotoBackedApi api, UserId caller, String query, String... path) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 1_000; page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            Map<String, Object> body = api.graphql(caller, query, variables);
            assertThat(body).doesNotContainKey("errors");
            Map<String, Object> connection = (Map<String, Object>) body.get("data");
            for (String field : path) {
                connection = (Map<String, Object>) connection.get(field);
            }
            for (Map<String, Object> edge : (List<Map<String, Object>>) connection.get("edges")) {
                nodes.add((Map<String, Object>) edge.get("node"));
            }
            Map<String, Object> pageInfo = (Map<String, Object>) connection.get("pageInfo");
            if (!(Boolean) pageInfo.get("hasNextPage")) {
                return nodes;
            }
            after = (String) pageInfo.get("endCursor");
            assertThat(after).as("a page with more to come has an endCursor").isNotNull();
        }
        throw new AssertionError("the list did not end");
    }

    private static List<String> titles(List<Map<String, Object>> nodes) {
        return nodes.stream().map(n -> (String) n.get("title")).toList();
    }

    // ---- the table ------------------------------------------------------------------------------------------

    private static void seedTasks(Table table, MotoBackedApi api, String projectId, UserId assignee) {
        seedTasks(table, api, projectId, assignee, BIG_TASKS);
    }

    /**
     * Tasks 2..count of a project and their comments, as the function writes them (the entity models' items, index
     * keys and audit attributes included), every tenth task with two comments; the counters then say count tasks
     * were created. BatchWriteItem, 25 at a time.
     */
    private static void seedTasks(Table table, MotoBackedApi api, String projectId, UserId assignee, int count) {
        Writes writes = new Writes(table, Clock.systemUTC());
        Instant now = Instant.now();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int n = 2; n <= count; n++) {
            TaskItem task = TaskItem.draft(api.tenant, projectId, n, "Big " + n, "Description " + n, TaskStatus.TODO,
                    TaskPriority.MEDIUM, assignee.value(), api.admin.value(), FIRST_DUE.plusDays(n % KEPT_TASKS),
                    List.of());
            items.add(writes.create(TaskItem.MODEL, task, now).item());
            if (n % 10 == 0) {
                for (int c = 0; c < 2; c++) {
                    Instant at = now.plusMillis(c);
                    CommentItem comment = new CommentItem(api.tenant, projectId, n, UUID.randomUUID().toString(),
                            assignee.value(), "Comment " + c + " on " + n, at, null, 0);
                    items.add(writes.create(CommentItem.MODEL, comment, at).item());
                }
            }
        }
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(from + 25, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            BatchWriteItemResponse response = table.client().batchWriteItem(b -> b.requestItems(
                    Map.of(table.name(), batch)));
            assertThat(response.unprocessedItems()).isEmpty();
        }
        table.client().updateItem(u -> u.tableName(table.name())
                .key(Keys.projectCounters(api.tenant, projectId).toAttributeMap())
                .updateExpression("SET #n = :next, #c.#todo = #c.#todo + :more")
                .expressionAttributeNames(Map.of("#n", ProjectCounters.NEXT_NUMBER, "#c", ProjectCounters.TASK_COUNT,
                        "#todo", "TODO"))
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromN(Integer.toString(count + 1)),
                        ":more", AttributeValue.fromN(Integer.toString(count - 1)))));
    }

    /**
     * Task numbers the purge has still to visit, from its cursor on the counters item (base table, consistent: moto
     * scans its whole table for every index Query, which is slow at this size); the tasks just below the cursor and
     * the first ones must be gone, the one at the cursor not yet. 0 once the counters item is gone.
     */
    private static long remainingTasks(Table table, MotoBackedApi api, String projectId) {
        var counters = table.getConsistent(Keys.projectCounters(api.tenant, projectId), "test");
        if (counters.isEmpty()) {
            return 0;
        }
        long end = Long.parseLong(counters.get().get(ProjectCounters.NEXT_NUMBER).n());
        AttributeValue cursor = counters.get().get(ProjectCounters.PURGE_NEXT);
        long next = cursor == null ? 1 : Long.parseLong(cursor.n());
        for (long n : new long[] {1, 2, next - 1, next - 25}) {
            if (n >= 1 && n < next) {
                assertThat(table.getConsistent(Keys.task(api.tenant, projectId, n), "test")).as("task " + n).isEmpty();
            }
        }
        if (next < end) {
            assertThat(table.getConsistent(Keys.task(api.tenant, projectId, next), "test")).as("task " + next)
                    .isPresent();
        }
        return end - next;
    }

    /** Task items of the project in the table (its tasks collection on GSI1: moto's indexes are current). */
    private static long tasksInIndex(Table table, MotoBackedApi api, String projectId) {
        return table.client().query(q -> q.tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk").select("COUNT")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(
                        Keys.projectTasksCollection(api.tenant, projectId))))).count();
    }

    private static void assertNothingLeft(Table table, MotoBackedApi api, String projectId) {
        assertThat(tasksInIndex(table, api, projectId)).isZero();
        assertThat(table.getConsistent(Keys.project(api.tenant, projectId), "test")).isEmpty();
        assertThat(table.getConsistent(Keys.projectCounters(api.tenant, projectId), "test")).isEmpty();
        for (long n : new long[] {1, 10, 20, 300}) {
            assertThat(table.client().query(q -> q.tableName(table.name()).keyConditionExpression("PK = :pk")
                    .consistentRead(true).expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(
                            Keys.taskPartition(api.tenant, projectId, n))))).count()).as("items of task " + n).isZero();
        }
        assertThat(table.client().query(q -> q.tableName(table.name()).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS(Keys.purgingProjectsCollection(api.tenant))))).count())
                .as("projects still listed as purging").isZero();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private record Project(String globalId, String projectId, int version) {
    }

    private static Project createProject(MotoBackedApi api, String key) {
        Map<String, Object> project = data(api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", key,
                "name", "Project " + key))), "createProject", "project");
        String id = (String) project.get("id");
        return new Project(id, GlobalId.decode(id, "id").keyParts().get(0), ((Number) project.get("version")).intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> body, String... path) {
        assertThat(body).doesNotContainKey("errors");
        Map<String, Object> value = (Map<String, Object>) body.get("data");
        for (String field : path) {
            value = (Map<String, Object>) value.get(field);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> errorCodes(Map<String, Object> body) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.getOrDefault("errors", List.of());
        return errors.stream().map(e -> (String) ((Map<String, Object>) e.get("extensions")).get("code")).toList();
    }

    private record CliResult(int exitCode, String out, String err) {
    }

    private static CliResult cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OperatorCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Delays every DeleteItem the function sends, as a busier table would: a purge then needs several budgets. */
    private record SlowDeletes(long millis) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if ("DeleteItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
