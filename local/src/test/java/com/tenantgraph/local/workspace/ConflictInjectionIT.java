package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.data.SharedMoto;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Conflicts on moto, injected rather than raced (moto never raises TransactionConflict, and racing its transactions
 * proves little: docs/local-stack.md): a TransactionConflict is retried, then RATE_LIMITED; throttling is RATE_LIMITED;
 * a write that lands between the read and the conditional write is CONFLICT with the current version.
 */
@ExtendWith(SharedMoto.class)
class ConflictInjectionIT {
    private static final String CREATE_PROJECT = """
            mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id key version } } }""";

    /** Fails the next {@code times} TransactWriteItems (or every one, with -1) with TransactionConflict. */
    static final class TransactionConflicts implements ExecutionInterceptor {
        final AtomicInteger remaining = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!"TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                return;
            }
            attempts.incrementAndGet();
            if (remaining.get() != 0) {
                remaining.decrementAndGet();
                throw TransactionCanceledException.builder().message("Transaction cancelled (injected)")
                        .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                                CancellationReason.builder().code("None").build())
                        .statusCode(400).build();
            }
        }
    }

    @Test
    void aTransactionConflict_isRetried_andTheCreateSucceedsOnce(Table table) {
        // GIVEN the next two transactions are cancelled by a conflict
        TransactionConflicts conflicts = new TransactionConflicts();
        MotoBackedApi api = new MotoBackedApi(table, conflicts);
        conflicts.remaining.set(2);

        // WHEN a project is created
        Map<String, Object> body = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "RETRY",
                "name", "Retried")));

        // THEN it was retried with backoff and written exactly once
        assertThat(body).doesNotContainKey("errors");
        assertThat(conflicts.attempts.get()).isEqualTo(3);
        assertThat(api.graphql(api.admin, "{ projects { edges { node { key } } } }", Map.of()).toString())
                .containsOnlyOnce("RETRY");
    }

    @Test
    void aConflictThatOutlastsTheRetries_isRateLimited_andWritesNothing(Table table) {
        // GIVEN every transaction is cancelled by a conflict
        TransactionConflicts conflicts = new TransactionConflicts();
        MotoBackedApi api = new MotoBackedApi(table, conflicts);
        conflicts.remaining.set(-1);

        // WHEN a project is created
        Map<String, Object> body = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "BUSY",
                "name", "Busy")));

        // THEN the caller is told to retry later, and nothing exists
        assertThat(code(body)).isEqualTo("RATE_LIMITED");
        assertThat(conflicts.attempts.get()).isEqualTo(3);
        assertThat(table.getConsistent(Keys.projectKeyMarker(api.tenant, "BUSY"), "test")).isEmpty();
    }

    @Test
    void throttling_isRateLimited(Table table) {
        // GIVEN DynamoDB throttles every Query
        MotoBackedApi api = new MotoBackedApi(table, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("Query".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    throw ProvisionedThroughputExceededException.builder().message("throttled (injected)")
                            .statusCode(400).build();
                }
            }
        });

        // WHEN a list is read
        Map<String, Object> body = api.graphql(api.admin, "{ projects { edges { cursor } } }", Map.of());

        // THEN RATE_LIMITED, no data
        assertThat(code(body)).isEqualTo("RATE_LIMITED");
    }

    @Test
    void aWriteBetweenTheReadAndTheConditionalWrite_isConflict_withTheCurrentVersion(Table table) {
        // GIVEN a project, and a concurrent writer that bumps its version just before the next transaction
        AtomicInteger armed = new AtomicInteger();
        MotoBackedApi[] holder = new MotoBackedApi[1];
        String[] projectId = new String[1];
        MotoBackedApi api = new MotoBackedApi(table, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                if (("TransactWriteItems".equals(operation) || "PutItem".equals(operation))
                        && armed.getAndSet(0) == 1) {
                    table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                            .key(Keys.project(holder[0].tenant, projectId[0]).toAttributeMap())
                            .updateExpression("SET version = version + :one, #n = :n")
                            .expressionAttributeNames(Map.of("#n", "name"))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                                    ":n", AttributeValue.fromS("Theirs")))
                            .build());
                }
            }
        });
        holder[0] = api;
        Map<String, Object> created = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "RACE",
                "name", "Mine")));
        String id = (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) created.get("data")).get("createProject"))
                .get("project")).get("id");
        projectId[0] = GlobalId.decode(id, "id").keyParts().get(0);
        armed.set(1);

        // WHEN the project is renamed with the version that was current when it was read
        Map<String, Object> body = api.graphql(api.admin, """
                mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { name } } }""",
                Map.of("i", Map.of("id", id, "expectedVersion", 1, "name", "Mine, renamed")));

        // THEN CONFLICT with the version the other writer left, and their change stands
        assertThat(code(body)).isEqualTo("CONFLICT");
        assertThat(extensions(body)).containsEntry("currentVersion", 2);
        assertThat(table.getConsistent(Keys.project(api.tenant, projectId[0]), "test").orElseThrow().get("name").s())
                .isEqualTo("Theirs");
    }

    @Test
    void aTaskWrittenBetweenTheReadAndTheTransaction_isConflict_withTheCurrentVersion(Table table) {
        // GIVEN a task, and a concurrent writer that bumps its version just before the next transaction
        AtomicInteger armed = new AtomicInteger();
        com.tenantgraph.data.TableKey[] taskKey = new com.tenantgraph.data.TableKey[1];
        MotoBackedApi api = new MotoBackedApi(table, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                        && armed.getAndSet(0) == 1) {
                    table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                            .key(taskKey[0].toAttributeMap()).updateExpression("SET version = version + :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build());
                }
            }
        });
        Map<String, Object> project = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "TASKRACE",
                "name", "Race")));
        String projectId = (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) project.get("data"))
                .get("createProject")).get("project")).get("id");
        Map<String, Object> task = api.graphql(api.admin, """
                mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
                Map.of("i", Map.of("projectId", projectId, "title", "Contended")));
        String taskId = (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) task.get("data")).get("createTask"))
                .get("task")).get("id");
        taskKey[0] = Keys.task(api.tenant, GlobalId.decode(projectId, "id").keyParts().get(0), 1);
        armed.set(1);

        // WHEN the task is moved to DONE with the version read before the other write
        Map<String, Object> body = api.graphql(api.admin, """
                mutation($i: UpdateTaskInput!) { updateTask(input: $i) { task { status } } }""",
                Map.of("i", Map.of("id", taskId, "expectedVersion", 1, "status", "DONE")));

        // THEN CONFLICT with the current version, and the counts did not move
        assertThat(code(body)).isEqualTo("CONFLICT");
        assertThat(extensions(body)).containsEntry("currentVersion", 2);
        assertThat(api.graphql(api.admin, "query($id: ID!) { node(id: $id) { ... on Project { taskCounts { todo done } } } }",
                Map.of("id", projectId)).toString()).contains("todo=1", "done=0");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensions(Map<String, Object> body) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        return errors == null ? Map.of() : (Map<String, Object>) errors.get(0).get("extensions");
    }

    private static Object code(Map<String, Object> body) {
        return extensions(body).get("code");
    }
}
