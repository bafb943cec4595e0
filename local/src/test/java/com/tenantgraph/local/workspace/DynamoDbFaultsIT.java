package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.IdempotencyRecord;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.local.faults.Concurrently;
import com.tenantgraph.local.faults.FaultProxy;
import com.tenantgraph.local.faults.FaultProxy.Fault;
import com.tenantgraph.data.Sha256;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real GraphQL handler's DynamoDB client talks to moto through a {@link FaultProxy}; concurrent writers create and
 * then update tasks while the proxy refuses, resets, drops responses or delays. After each fault the table is read
 * directly and must hold: no duplicate, counts that agree with the tasks, an idempotency record for exactly the tasks
 * that exist; every acknowledged write is there, every write reported failed (plain UNAVAILABLE or RATE_LIMITED) is
 * not, only OUTCOME_UNKNOWN may be either; never INTERNAL or CONFLICT for a write no one else touches. Then every
 * create is retried with its clientMutationId and each lands exactly once. Outcomes and counts only, never times.
 */
@ExtendWith(SharedMoto.class)
class DynamoDbFaultsIT {
    private static final int WRITERS = 8;
    private static final String CREATE_TASK = """
            mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id number title version } } }""";
    private static final String UPDATE_TASK = """
            mutation($i: UpdateTaskInput!) { updateTask(input: $i) { task { id title version } } }""";

    /** One answer: the data of the mutation, or its error's code and reason. */
    record Answer(Map<String, Object> task, String code, String reason) {
        boolean acknowledged() {
            return task != null;
        }

        /** A failure the caller was told is certain: nothing was written. */
        boolean reportedFailed() {
            return task == null && !"OUTCOME_UNKNOWN".equals(reason);
        }
    }

    /** The faults, as the proxy applies them while the writers run. */
    enum Scenario {
        /** Nothing listens: every write certainly fails, and says so. */
        REFUSED(Fault.REFUSE, -1, null),
        /** Some connections are reset as a request arrives: the SDK retries them. */
        RESET(Fault.RESET, WRITERS, null),
        /** Some answers are lost after the request was applied: a retry under the same token resolves them. */
        SOME_ANSWERS_LOST(Fault.DROP_RESPONSE, WRITERS, null),
        /** Every transaction's answer is lost: applied, but no one can tell the caller so (OUTCOME_UNKNOWN). */
        EVERY_TRANSACTION_ANSWER_LOST(Fault.DROP_RESPONSE, -1, "TransactWriteItems"),
        /** Every request is held back a while. */
        DELAYED(Fault.DELAY, -1, null);

        final Fault fault;
        final int requests;
        final String only;

        Scenario(Fault fault, int requests, String only) {
            this.fault = fault;
            this.requests = requests;
            this.only = only;
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void concurrentWriters_underAFault_leaveTheTableConsistent_andEveryAnswerTrue(Scenario fault, Table table) {
        try (FaultProxy proxy = new FaultProxy(endpointOf(table));
             DynamoDbClient viaProxy = client(proxy)) {
            // GIVEN the handler's DynamoDB traffic goes through the proxy, and a project
            MotoBackedApi api = new MotoBackedApi(new Table(viaProxy, table.name()));
            Map<?, ?> project = (Map<?, ?>) data(api.graphql(api.admin, """
                    mutation { createProject(input: {key: "FLT", name: "Faults"}) { project { id } } }""", Map.of()),
                    "createProject").get("project");
            String projectGid = (String) project.get("id");
            String projectId = GlobalId.decode(projectGid, "id").keyParts().get(0);

            // WHEN writers create tasks concurrently while the fault is armed
            arm(proxy, fault);
            List<Answer> created = concurrently(i -> answer(api.graphql(api.admin, CREATE_TASK,
                    Map.of("i", Map.of("projectId", projectGid, "title", title(i), "clientMutationId", key(i)))),
                    "createTask"));
            proxy.heal();

            // THEN every answer is one a caller can trust, and the table agrees with it
            if (fault != Scenario.REFUSED) {
                assertThat(proxy.injected()).as("the fault was applied").isPositive();
            }
            if (fault == Scenario.EVERY_TRANSACTION_ANSWER_LOST) {
                assertThat(created).as("applied, unconfirmed").allMatch(a -> "OUTCOME_UNKNOWN".equals(a.reason()));
            }
            assertOnlyTruthfulCodes(created);
            Map<String, TaskItem> stored = tasksByTitle(table, api, projectId);
            for (int i = 0; i < WRITERS; i++) {
                Answer answer = created.get(i);
                if (answer.acknowledged()) {
                    assertThat(stored).as("acknowledged " + title(i)).containsKey(title(i));
                    assertThat(stored.get(title(i)).number()).isEqualTo(((Number) answer.task().get("number"))
                            .longValue());
                } else if (answer.reportedFailed()) {
                    assertThat(stored).as("reported failed " + title(i) + ": " + answer).doesNotContainKey(title(i));
                }
            }
            assertInvariants(table, api, projectId, stored);

            // AND every create retried with its clientMutationId lands exactly once, acknowledged ones unchanged
            List<Answer> retried = concurrently(i -> answer(api.graphql(api.admin, CREATE_TASK,
                    Map.of("i", Map.of("projectId", projectGid, "title", title(i), "clientMutationId", key(i)))),
                    "createTask"));
            assertThat(retried).allMatch(Answer::acknowledged, "every retry acknowledged");
            for (int i = 0; i < WRITERS; i++) {
                if (created.get(i).acknowledged()) {
                    assertThat(retried.get(i).task().get("id")).isEqualTo(created.get(i).task().get("id"));
                }
            }
            Map<String, TaskItem> after = tasksByTitle(table, api, projectId);
            assertThat(after).hasSize(WRITERS);
            assertInvariants(table, api, projectId, after);

            // WHEN each writer updates its own task while the fault is armed again
            arm(proxy, fault);
            List<Answer> updated = concurrently(i -> answer(api.graphql(api.admin, UPDATE_TASK,
                    Map.of("i", Map.of("id", retried.get(i).task().get("id"), "expectedVersion", 1,
                            "title", title(i) + " v2"))), "updateTask"));
            proxy.heal();

            // THEN no CONFLICT on a task no one else writes, and each task is at the version its answer says
            assertOnlyTruthfulCodes(updated);
            Map<String, TaskItem> byNumber = new HashMap<>();
            tasksByTitle(table, api, projectId).values().forEach(t -> byNumber.put(Long.toString(t.number()), t));
            for (int i = 0; i < WRITERS; i++) {
                TaskItem task = byNumber.get(retried.get(i).task().get("number").toString());
                Answer answer = updated.get(i);
                if (answer.acknowledged()) {
                    assertThat(task.version()).as(title(i)).isEqualTo(2);
                    assertThat(task.title()).isEqualTo(title(i) + " v2");
                } else if (answer.reportedFailed()) {
                    assertThat(task.version()).as(title(i) + ": " + answer).isEqualTo(1);
                }
            }
            assertInvariants(table, api, projectId, tasksByTitle(table, api, projectId));
        }
    }

    private static void arm(FaultProxy proxy, Scenario scenario) {
        proxy.inject(scenario.fault, scenario.requests, scenario.fault == Fault.DELAY ? 150 : 0, scenario.only);
    }

    /** A counts item that agrees with the tasks, numbers below the next, one idempotency record per stored task. */
    private static void assertInvariants(Table table, MotoBackedApi api, String projectId,
                                         Map<String, TaskItem> stored) {
        Map<String, AttributeValue> counters = table.getConsistent(Keys.projectCounters(api.tenant, projectId),
                "test").orElseThrow();
        long todo = stored.values().stream().filter(t -> t.status().name().equals("TODO")).count();
        assertThat(Long.parseLong(counters.get(ProjectCounters.TASK_COUNT).m().get("TODO").n()))
                .as("TODO count").isEqualTo(todo);
        long next = Long.parseLong(counters.get(ProjectCounters.NEXT_NUMBER).n());
        assertThat(stored.values()).allMatch(t -> t.number() < next);
        for (int i = 0; i < WRITERS; i++) {
            Optional<IdempotencyRecord> record = table.getConsistent(Keys.idempotency(api.tenant,
                    Sha256.hex(key(i))), "test").flatMap(IdempotencyRecord.MODEL::fromItem);
            TaskItem task = stored.get(title(i));
            assertThat(record.isPresent()).as("record of " + key(i) + " iff its task exists").isEqualTo(task != null);
            if (task != null) {
                assertThat(record.get().resultKey()).isEqualTo(task.tableKey());
            }
        }
    }

    /** Every task of the project, read directly by number; a title stored twice fails here. */
    private static Map<String, TaskItem> tasksByTitle(Table table, MotoBackedApi api, String projectId) {
        long next = table.getConsistent(Keys.projectCounters(api.tenant, projectId), "test")
                .map(c -> Long.parseLong(c.get(ProjectCounters.NEXT_NUMBER).n())).orElseThrow();
        Map<String, TaskItem> byTitle = new HashMap<>();
        for (long n = 1; n < next; n++) {
            table.getConsistent(Keys.task(api.tenant, projectId, n), "test").flatMap(TaskItem.MODEL::fromItem)
                    .filter(t -> !t.deleted())
                    .ifPresent(t -> assertThat(byTitle.put(t.title().replace(" v2", ""), t))
                            .as("duplicate of " + t.title()).isNull());
        }
        return byTitle;
    }

    private static void assertOnlyTruthfulCodes(List<Answer> answers) {
        assertThat(answers).allSatisfy(a -> {
            if (!a.acknowledged()) {
                assertThat(a.code()).as(a.toString()).isIn("UNAVAILABLE", "RATE_LIMITED");
            }
        });
    }

    private static List<Answer> concurrently(IntFunction<Answer> writer) {
        return Concurrently.run(WRITERS, writer);
    }

    @SuppressWarnings("unchecked")
    private static Answer answer(Map<String, Object> body, String mutation) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        if (errors != null && !errors.isEmpty()) {
            Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
            return new Answer(null, (String) extensions.get("code"), (String) extensions.get("reason"));
        }
        return new Answer((Map<String, Object>) data(body, mutation).get("task"), null, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> body, String mutation) {
        assertThat(body).as(body.toString()).doesNotContainKey("errors");
        return (Map<String, Object>) ((Map<String, Object>) body.get("data")).get(mutation);
    }

    private static String title(int writer) {
        return "task-" + writer;
    }

    private static String key(int writer) {
        return "fault-writer-" + writer;
    }

    private static java.net.URI endpointOf(Table table) {
        return table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
    }

    private static DynamoDbClient client(FaultProxy proxy) {
        return DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
