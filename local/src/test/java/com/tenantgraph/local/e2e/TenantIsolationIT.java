package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.Gql.at;
import static com.tenantgraph.local.e2e.Gql.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every query and mutation with tenant A's token (Globex's admin) against tenant B's (Acme's) ids, keys and cursors:
 * always NOT_FOUND or BAD_USER_INPUT, never data, never a change.
 */
@ExtendWith(SharedLocalStack.class)
class TenantIsolationIT {

    @Test
    void anotherTenantsIdsKeysAndCursors_areNotFoundOrBadInput_andChangeNothing(LocalStack stack) {
        // GIVEN Acme's fixture and cursors of every Acme list, and Globex's admin
        Gql ada = Gql.as(stack, "ada@acme.test");
        Gql gina = Gql.as(stack, "gina@globex.test");
        Workspace.Fixture acme = Workspace.Fixture.create(ada);
        String adaId = (String) at(ada.ok("{ me { id } }"), "me", "id");
        Map<String, Object> cursors = ada.ok("""
                query($p: ID!, $t: ID!) {
                  projects(first: 1) { pageInfo { endCursor } }
                  users(first: 1) { pageInfo { endCursor } }
                  tasksDueBefore(date: "2099-01-01", first: 1) { pageInfo { endCursor } }
                  me { assignedTasks(first: 1) { pageInfo { endCursor } } }
                  project(id: $p) { tasks(first: 1) { pageInfo { endCursor } } }
                  task(id: $t) { comments(first: 1) { pageInfo { endCursor } } } }""",
                Map.of("p", acme.projectId(), "t", acme.taskId()));
        Map<String, Object> before = snapshot(ada, acme);
        String ginaProject = (String) Workspace.createProject(gina, Workspace.uniqueKey()).get("id");

        // WHEN Globex's admin reads with Acme's ids, keys and cursors
        Map<String, ApiClient.Response> reads = new LinkedHashMap<>();
        reads.put("node#1", gina.run("query($id: ID!) { node(id: $id) { id } }", Map.of("id", acme.projectId())));
        reads.put("node#2", gina.run("query($id: ID!) { node(id: $id) { id } }", Map.of("id", acme.commentId())));
        reads.put("nodes#3", gina.run("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", List.of(acme.projectId(), acme.taskId(), acme.commentId(), adaId))));
        reads.put("project#4", gina.run("query($id: ID!) { project(id: $id) { id } }", Map.of("id", acme.projectId())));
        reads.put("project#5", gina.run("query($k: String!) { project(key: $k) { id } }", Map.of("k", acme.projectKey())));
        reads.put("task#6", gina.run("query($id: ID!) { task(id: $id) { id } }", Map.of("id", acme.taskId())));
        reads.put("task#7", gina.run("query($n: String!) { task(number: $n) { id } }",
                Map.of("n", acme.taskIdentifier())));
        reads.put("projects#8", gina.run("query($a: String) { projects(after: $a) { edges { cursor } } }",
                Map.of("a", at(cursors, "projects", "pageInfo", "endCursor"))));
        reads.put("users#9", gina.run("query($a: String) { users(after: $a) { edges { cursor } } }",
                Map.of("a", at(cursors, "users", "pageInfo", "endCursor"))));
        reads.put("tasksDueBefore#10", gina.run("""
                query($a: String) { tasksDueBefore(date: "2099-01-01", after: $a) { edges { cursor } } }""",
                Map.of("a", at(cursors, "tasksDueBefore", "pageInfo", "endCursor"))));
        reads.put("me#11", gina.run("query($a: String) { me { assignedTasks(after: $a) { edges { cursor } } } }",
                Map.of("a", at(cursors, "me", "assignedTasks", "pageInfo", "endCursor"))));
        reads.put("node#12", gina.run("""
                query($p: ID!, $a: String) { node(id: $p) { ... on Project { tasks(after: $a) { edges { cursor } } } } }""",
                Map.of("p", ginaProject, "a", at(cursors, "project", "tasks", "pageInfo", "endCursor"))));

        // THEN each is NOT_FOUND or BAD_USER_INPUT, with no data for the field
        reads.forEach((field, response) -> assertRefused(field, response));

        // WHEN Globex's admin runs every mutation against Acme's objects
        Map<String, ApiClient.Response> writes = new LinkedHashMap<>();
        writes.put("updateProject#13", gina.run("""
                mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { id } } }""",
                Map.of("i", Map.of("id", acme.projectId(), "expectedVersion", 1, "name", "Hijacked"))));
        writes.put("createTask#14", gina.run("""
                mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
                Map.of("i", Map.of("projectId", acme.projectId(), "title", "Injected"))));
        writes.put("createTask#15", gina.run("""
                mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
                Map.of("i", Map.of("projectId", ginaProject, "title", "Assigned across", "assigneeId", adaId))));
        writes.put("updateTask#16", gina.run("""
                mutation($i: UpdateTaskInput!) { updateTask(input: $i) { task { id } } }""",
                Map.of("i", Map.of("id", acme.taskId(), "expectedVersion", 1, "title", "Hijacked"))));
        writes.put("addComment#17", gina.run("""
                mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }""",
                Map.of("i", Map.of("taskId", acme.taskId(), "body", "Injected"))));
        writes.put("editComment#18", gina.run("""
                mutation($i: EditCommentInput!) { editComment(input: $i) { comment { id } } }""",
                Map.of("i", Map.of("id", acme.commentId(), "expectedVersion", 1, "body", "Hijacked"))));
        writes.put("deleteComment#19", gina.run("""
                mutation($i: DeleteCommentInput!) { deleteComment(input: $i) { deletedCommentId } }""",
                Map.of("i", Map.of("id", acme.commentId(), "expectedVersion", 1))));
        writes.put("deleteTask#20", gina.run("""
                mutation($i: DeleteTaskInput!) { deleteTask(input: $i) { deletedTaskId } }""",
                Map.of("i", Map.of("id", acme.taskId(), "expectedVersion", 1))));
        writes.put("deleteProject#21", gina.run("""
                mutation($i: DeleteProjectInput!) { deleteProject(input: $i) { deletedProjectId } }""",
                Map.of("i", Map.of("id", acme.projectId(), "expectedVersion", 1))));
        writes.put("createProject#22", gina.run("""
                mutation($i: CreateProjectInput!) { createProject(input: $i) { project { key } } }""",
                Map.of("i", Map.of("key", acme.projectKey(), "name", "Same key, other tenant"))));

        // THEN each is refused (a project key is per tenant, so Globex may use Acme's key), and Acme is unchanged
        writes.forEach((field, response) -> {
            if (!field.startsWith("createProject")) {
                assertRefused(field, response);
            }
        });
        assertThat(at(writes.get(writes.keySet().stream().filter(k -> k.startsWith("createProject")).findFirst()
                .orElseThrow()).body(), "data", "createProject", "project", "key"))
                .isEqualTo(acme.projectKey());
        assertThat(snapshot(ada, acme)).isEqualTo(before);
    }

    private static void assertRefused(String label, ApiClient.Response response) {
        String field = label.substring(0, label.indexOf('#'));
        assertThat(Gql.extensions(response).get("code")).as(field + ": " + response.body())
                .isIn("NOT_FOUND", "BAD_USER_INPUT");
        Object data = response.body().get("data");
        Object value = data == null ? null : map(data).get(field);
        if (value instanceof List<?> nodes) {
            assertThat(nodes).as(field).containsOnlyNulls();
        } else if (!field.equals("me")) {
            assertThat(value).as(field + ": " + response.body()).isNull();
        } else {
            assertThat(value == null ? null : map(value).get("assignedTasks")).as(field).isNull();
        }
    }

    private static Map<String, Object> snapshot(Gql ada, Workspace.Fixture acme) {
        return ada.ok("""
                query($p: ID!, $t: ID!, $c: ID!) {
                  project: node(id: $p) { ... on Project { version name key taskCounts { total } } }
                  task: node(id: $t) { ... on Task { version title comments { edges { node { id body version } } } } }
                  comment: node(id: $c) { ... on Comment { version body } } }""",
                Map.of("p", acme.projectId(), "t", acme.taskId(), "c", acme.commentId()));
    }
}
