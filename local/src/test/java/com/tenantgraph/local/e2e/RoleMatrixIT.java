package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.Gql.at;
import static com.tenantgraph.local.e2e.Gql.list;
import static com.tenantgraph.local.e2e.Gql.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.pipeline.RoleMatrix;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation as VIEWER, MEMBER and ADMIN, checked against the table written out in {@link Operation} (the same
 * matrix as {@link RoleMatrix}, stated independently; {@code RoleMatrixTest} holds it action by action): allowed runs
 * without errors; denied is FORBIDDEN, with no data for the field and nothing changed.
 */
@ExtendWith(SharedLocalStack.class)
class RoleMatrixIT {
    private static final Map<Role, String> USERS = Map.of(Role.ADMIN, "ada@acme.test", Role.MEMBER, "max@acme.test",
            Role.VIEWER, "vic@acme.test");

    /**
     * Every workspace mutation and who may run it, written out (the golden table; not read from {@link RoleMatrix}):
     * the mutation field, then whether a VIEWER, a MEMBER and an ADMIN may. "own"/"other's" is whose comment it is.
     */
    enum Operation {
        //                      field            VIEWER MEMBER ADMIN
        CREATE_PROJECT(         "createProject", false, true,  true),
        UPDATE_PROJECT(         "updateProject", false, true,  true),
        DELETE_PROJECT(         "deleteProject", false, false, true),
        CREATE_TASK(            "createTask",    false, true,  true),
        UPDATE_TASK(            "updateTask",    false, true,  true),
        DELETE_TASK(            "deleteTask",    false, false, true),
        ADD_COMMENT(            "addComment",    false, true,  true),
        EDIT_OWN_COMMENT(       "editComment",   false, true,  true),
        DELETE_OWN_COMMENT(     "deleteComment", false, true,  true),
        EDIT_OTHERS_COMMENT(    "editComment",   false, false, true),
        DELETE_OTHERS_COMMENT(  "deleteComment", false, false, true);

        final String field;
        private final Map<Role, Boolean> allowed;

        Operation(String field, boolean viewer, boolean member, boolean admin) {
            this.field = field;
            this.allowed = Map.of(Role.VIEWER, viewer, Role.MEMBER, member, Role.ADMIN, admin);
        }

        boolean allowedFor(Role role) {
            return allowed.get(role);
        }
    }

    static Stream<Arguments> everyOperationAsEveryRole() {
        return Arrays.stream(Operation.values())
                .flatMap(op -> Stream.of(Role.VIEWER, Role.MEMBER, Role.ADMIN).map(role -> Arguments.of(op, role)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyOperationAsEveryRole")
    void everyMutation_isAllowedOrForbidden_exactlyAsTheTableSays(Operation op, Role role, LocalStack stack) {
        // GIVEN a fresh project, task and comment made by the admin, and the caller's own comment where it can write one
        Gql admin = Gql.as(stack, USERS.get(Role.ADMIN));
        Gql caller = Gql.as(stack, USERS.get(role));
        Workspace.Fixture fixture = Workspace.Fixture.create(admin);
        String comment = fixture.commentId();
        if ((op == Operation.EDIT_OWN_COMMENT || op == Operation.DELETE_OWN_COMMENT) && role != Role.VIEWER) {
            comment = (String) Workspace.addComment(caller, fixture.taskId(), "My own comment").get("id");
        }
        String newKey = Workspace.uniqueKey();
        Map<String, Object> before = snapshot(admin, fixture, comment);

        // WHEN the caller runs the operation
        ApiClient.Response response = caller.run(mutation(op), Map.of("input", input(op, fixture, comment, newKey)));

        // THEN it is allowed exactly when the table above says so
        if (op.allowedFor(role)) {
            assertThat(response.body()).as(response.body().toString()).doesNotContainKey("errors");
            return;
        }
        assertThat(Gql.extensions(response)).containsEntry("code", "FORBIDDEN");
        Object data = response.body().get("data");
        assertThat(data == null ? null : map(data).get(op.field)).isNull();
        assertThat(snapshot(admin, fixture, comment)).isEqualTo(before);
        ApiClient.Response created = admin.run("query($k: String!) { project(key: $k) { id } }", Map.of("k", newKey));
        assertThat(Gql.extensions(created)).containsEntry("code", "NOT_FOUND");
    }

    @ParameterizedTest
    @MethodSource("roles")
    void everyRead_isAllowed_forEveryRole(Role role, LocalStack stack) {
        // GIVEN a fixture and a caller of each role
        Workspace.Fixture fixture = Workspace.Fixture.create(Gql.as(stack, USERS.get(Role.ADMIN)));
        Gql caller = Gql.as(stack, USERS.get(role));

        // WHEN the caller runs every query of the schema
        Map<String, Object> data = caller.ok("""
                query($p: ID!, $t: ID!, $c: ID!, $k: String!, $n: String!) {
                  me { id assignedTasks { edges { cursor } } } tenant { id }
                  node(id: $c) { id } nodes(ids: [$p, $t]) { id }
                  users { edges { node { id } } }
                  project(id: $p) { tasks { edges { node { id comments { edges { node { id } } } } } } }
                  byKey: project(key: $k) { id } projects { edges { cursor } }
                  task(id: $t) { id } byNumber: task(number: $n) { id }
                  tasksDueBefore(date: "2031-02-01") { edges { cursor } } }""",
                Map.of("p", fixture.projectId(), "t", fixture.taskId(), "c", fixture.commentId(),
                        "k", fixture.projectKey(), "n", fixture.taskIdentifier()));

        // THEN everything is readable (every role may read the whole tenant)
        assertThat(at(data, "byNumber", "id")).isEqualTo(fixture.taskId());
        assertThat(list(at(data, "project", "tasks", "edges"))).hasSize(1);
    }

    static Stream<Role> roles() {
        return Stream.of(Role.VIEWER, Role.MEMBER, Role.ADMIN);
    }

    /** What the admin sees of the fixture: project and task versions, task count, comment version, comment count. */
    private static Map<String, Object> snapshot(Gql admin, Workspace.Fixture fixture, String comment) {
        return admin.ok("""
                query($p: ID!, $t: ID!, $c: ID!) {
                  project: node(id: $p) { ... on Project { version name taskCounts { total } } }
                  task: node(id: $t) { ... on Task { version title comments { edges { node { id } } } } }
                  comment: node(id: $c) { ... on Comment { version body } } }""",
                Map.of("p", fixture.projectId(), "t", fixture.taskId(), "c", comment));
    }

    private static String mutation(Operation op) {
        String payload = switch (op.field) {
            case "createProject", "updateProject" -> "project { id }";
            case "deleteProject" -> "deletedProjectId";
            case "createTask", "updateTask" -> "task { id }";
            case "deleteTask" -> "deletedTaskId";
            case "addComment", "editComment" -> "comment { id }";
            default -> "deletedCommentId";
        };
        String type = Character.toUpperCase(op.field.charAt(0)) + op.field.substring(1) + "Input";
        return "mutation($input: " + type + "!) { " + op.field + "(input: $input) { " + payload + " } }";
    }

    private static Map<String, Object> input(Operation op, Workspace.Fixture fixture, String comment, String newKey) {
        return switch (op) {
            case CREATE_PROJECT -> Map.of("key", newKey, "name", "Denied?");
            case UPDATE_PROJECT -> Map.of("id", fixture.projectId(), "expectedVersion", 1, "name", "Renamed");
            case DELETE_PROJECT -> Map.of("id", fixture.projectId(), "expectedVersion", 1);
            case CREATE_TASK -> Map.of("projectId", fixture.projectId(), "title", "Another task");
            case UPDATE_TASK -> Map.of("id", fixture.taskId(), "expectedVersion", 1, "title", "Retitled");
            case DELETE_TASK -> Map.of("id", fixture.taskId(), "expectedVersion", 1);
            case ADD_COMMENT -> Map.of("taskId", fixture.taskId(), "body", "Another comment");
            case EDIT_OWN_COMMENT, EDIT_OTHERS_COMMENT -> Map.of("id", comment, "expectedVersion", 1, "body", "Edited");
            case DELETE_OWN_COMMENT, DELETE_OTHERS_COMMENT -> Map.of("id", comment, "expectedVersion", 1);
        };
    }
}
