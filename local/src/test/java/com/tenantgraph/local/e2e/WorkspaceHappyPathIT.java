package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.Gql.at;
import static com.tenantgraph.local.e2e.Gql.list;
import static com.tenantgraph.local.e2e.Gql.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every domain operation through the local API Gateway, as the demo users, with the answers a front end relies on. */
@ExtendWith(SharedLocalStack.class)
class WorkspaceHappyPathIT {
    private static final String PROJECT_TASKS = """
            query($id: ID!, $first: Int, $after: String, $status: TaskStatus) { node(id: $id) { ... on Project {
              taskCounts { total todo inProgress done }
              tasks(first: $first, after: $after, filter: {status: $status}) {
                edges { cursor node { number identifier status } } pageInfo { hasNextPage hasPreviousPage endCursor } }
            } } }""";
    private static final String UPDATE_TASK = """
            mutation($input: UpdateTaskInput!) { updateTask(input: $input) { task {
              title description status priority dueDate labels version assignee { email } } } }""";

    @Test
    void projectsTasksAndComments_areCreatedReadUpdatedAndDeleted_byTheirRoles(LocalStack stack) {
        Gql ada = Gql.as(stack, "ada@acme.test");
        Gql max = Gql.as(stack, "max@acme.test");
        String maxId = (String) at(max.ok("{ me { id } }"), "me", "id");

        // GIVEN a project created by a MEMBER (key given in lower case, stored upper case)
        String key = Workspace.uniqueKey();
        Map<String, Object> created = map(at(max.ok(Workspace.CREATE_PROJECT, Map.of("input", Map.of(
                "key", key.toLowerCase(), "name", "Launch", "description", "Everything for the launch",
                "clientMutationId", "launch-" + key))), "createProject"));
        Map<String, Object> project = map(created.get("project"));
        assertThat(created.get("clientMutationId")).isEqualTo("launch-" + key);
        assertThat(project).containsEntry("key", key).containsEntry("version", 1);
        String projectId = (String) project.get("id");

        // WHEN a task is created with every field, assigned to the member
        Map<String, Object> task = Workspace.createTask(max, projectId, Map.of("title", "Write the announcement",
                "description", "Blog and newsletter", "status", "IN_PROGRESS", "priority", "HIGH",
                "assigneeId", maxId, "dueDate", "2031-03-01", "labels", List.of("docs", "launch")));

        // THEN it is numbered 1 in its project, reported by the member, and counted
        assertThat(task).containsEntry("number", 1).containsEntry("identifier", key + "-1")
                .containsEntry("status", "IN_PROGRESS").containsEntry("dueDate", "2031-03-01")
                .containsEntry("labels", List.of("docs", "launch"));
        assertThat(at(task, "reporter", "id")).isEqualTo(maxId);
        assertThat(at(ada.ok(PROJECT_TASKS, Map.of("id", projectId)), "node", "taskCounts"))
                .isEqualTo(Map.of("total", 1, "todo", 0, "inProgress", 1, "done", 0));

        // WHEN it is updated partially: title changed, description cleared, the rest omitted
        Map<String, Object> input = new HashMap<>(Map.of("id", task.get("id"), "expectedVersion", 1,
                "title", "Write and send the announcement", "status", "DONE"));
        input.put("description", null);
        Map<String, Object> updated = map(at(max.ok(UPDATE_TASK, Map.of("input", input)), "updateTask", "task"));

        // THEN omitted fields are unchanged, null cleared, the version moved, counts moved with the status
        assertThat(updated).containsEntry("title", "Write and send the announcement")
                .containsEntry("description", null).containsEntry("priority", "HIGH")
                .containsEntry("dueDate", "2031-03-01").containsEntry("version", 2).containsEntry("status", "DONE");
        assertThat(at(updated, "assignee", "email")).isEqualTo("max@acme.test");
        assertThat(at(ada.ok(PROJECT_TASKS, Map.of("id", projectId)), "node", "taskCounts"))
                .isEqualTo(Map.of("total", 1, "todo", 0, "inProgress", 0, "done", 1));

        // WHEN the same update is sent again with the old version
        ApiClient.Response stale = max.run(UPDATE_TASK, Map.of("input", input));

        // THEN it is a CONFLICT carrying the current version, and nothing changed
        assertThat(Gql.extensions(stale)).containsEntry("code", "CONFLICT").containsEntry("currentVersion", 2);

        // WHEN the member unassigns it and clears its due date and labels
        Map<String, Object> clear = new HashMap<>(Map.of("id", task.get("id"), "expectedVersion", 2));
        clear.put("assigneeId", null);
        clear.put("dueDate", null);
        clear.put("labels", null);
        Map<String, Object> cleared = map(at(max.ok(UPDATE_TASK, Map.of("input", clear)), "updateTask", "task"));
        assertThat(cleared).containsEntry("assignee", null).containsEntry("dueDate", null)
                .containsEntry("labels", List.of()).containsEntry("version", 3);

        // AND comments are added, edited by their author, listed and deleted
        Map<String, Object> comment = Workspace.addComment(max, (String) task.get("id"), "First draft is up");
        Map<String, Object> edited = map(at(max.ok("""
                mutation($input: EditCommentInput!) { editComment(input: $input) { comment { body version editedAt } } }""",
                Map.of("input", Map.of("id", comment.get("id"), "expectedVersion", 1, "body", "Final draft is up"))),
                "editComment", "comment"));
        assertThat(edited).containsEntry("body", "Final draft is up").containsEntry("version", 2);
        assertThat(edited.get("editedAt")).isNotNull();
        Map<String, Object> comments = ada.ok("""
                query($n: String!) { task(number: $n) { comments { edges { node { body author { email } } } } } }""",
                Map.of("n", key + "-1"));
        assertThat(list(at(comments, "task", "comments", "edges"))).hasSize(1);
        assertThat(at(ada.ok("""
                mutation($input: DeleteCommentInput!) { deleteComment(input: $input) { deletedCommentId } }""",
                Map.of("input", Map.of("id", comment.get("id"), "expectedVersion", 2))),
                "deleteComment", "deletedCommentId")).isEqualTo(comment.get("id"));

        // AND the project is renamed and re-keyed; the task keeps its id, its identifier follows the key
        String newKey = Workspace.uniqueKey();
        Map<String, Object> renamed = map(at(max.ok("""
                mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { key name version } } }""",
                Map.of("input", Map.of("id", projectId, "expectedVersion", 1, "key", newKey, "name", "Launch 2"))),
                "updateProject", "project"));
        assertThat(renamed).containsEntry("key", newKey).containsEntry("name", "Launch 2").containsEntry("version", 2);
        assertThat(at(ada.ok("query($id: ID!) { task(id: $id) { identifier } }", Map.of("id", task.get("id"))),
                "task", "identifier")).isEqualTo(newKey + "-1");
        assertThat(at(ada.ok("query($k: String!) { project(key: $k) { id } }", Map.of("k", newKey)), "project", "id"))
                .isEqualTo(projectId);
        assertThat(Gql.extensions(ada.run("query($k: String!) { project(key: $k) { id } }", Map.of("k", key))))
                .containsEntry("code", "NOT_FOUND");

        // AND the admin deletes the task, then the project: nothing of them is found afterwards
        assertThat(at(ada.ok("""
                mutation($input: DeleteTaskInput!) { deleteTask(input: $input) { deletedTaskId } }""",
                Map.of("input", Map.of("id", task.get("id"), "expectedVersion", 3))), "deleteTask", "deletedTaskId"))
                .isEqualTo(task.get("id"));
        assertThat(at(ada.ok(PROJECT_TASKS, Map.of("id", projectId)), "node", "taskCounts", "total")).isEqualTo(0);
        assertThat(at(ada.ok("""
                mutation($input: DeleteProjectInput!) { deleteProject(input: $input) { deletedProjectId } }""",
                Map.of("input", Map.of("id", projectId, "expectedVersion", 2))), "deleteProject", "deletedProjectId"))
                .isEqualTo(projectId);
        assertThat(Workspace.node(ada, projectId)).isNull();
        assertThat(Workspace.node(ada, (String) task.get("id"))).isNull();
    }

    @Test
    void aProjectWithTasksAndComments_isPurgedByDeleteProject_andItsKeyIsFreeAgain(LocalStack stack) {
        // GIVEN a project with 30 tasks, some with comments
        Gql ada = Gql.as(stack, "ada@acme.test");
        String key = Workspace.uniqueKey();
        String projectId = (String) Workspace.createProject(ada, key).get("id");
        List<String> ids = new ArrayList<>();
        List<String> commentIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String taskId = (String) Workspace.createTask(ada, projectId, Map.of("title", "Task " + i,
                    "dueDate", "2030-06-0" + (1 + i % 9))).get("id");
            ids.add(taskId);
            if (i % 5 == 0) {
                commentIds.add((String) Workspace.addComment(ada, taskId, "Comment on " + i).get("id"));
            }
        }

        // WHEN the admin deletes the project
        ada.ok("mutation($input: DeleteProjectInput!) { deleteProject(input: $input) { deletedProjectId } }",
                Map.of("input", Map.of("id", projectId, "expectedVersion", 1)));

        // THEN no task, comment or the project is found, it leaves every list, and its key can be used again
        for (String id : ids) {
            assertThat(Workspace.node(ada, id)).isNull();
        }
        for (String id : commentIds) {
            assertThat(Workspace.node(ada, id)).isNull();
        }
        Map<String, Object> due = ada.ok("{ tasksDueBefore(date: \"2030-06-10\", first: 100) { edges { node { id } } } }");
        assertThat(list(at(due, "tasksDueBefore", "edges"))).extracting(e -> map(e.get("node")).get("id"))
                .doesNotContainAnyElementsOf(ids);
        assertThat(Workspace.createProject(ada, key)).containsEntry("key", key);
    }

    @Test
    void aRetriedCreate_returnsTheFirstResult_andTheSameKeyWithAnotherInput_isRefused(LocalStack stack) {
        // GIVEN a task created with an idempotency key
        Gql max = Gql.as(stack, "max@acme.test");
        String projectId = (String) Workspace.createProject(max, Workspace.uniqueKey()).get("id");
        Map<String, Object> input = Map.of("projectId", projectId, "title", "Once", "clientMutationId", "retry-1");
        Map<String, Object> first = map(at(max.ok(Workspace.CREATE_TASK, Map.of("input", input)), "createTask"));

        // WHEN the same create is sent again, and then the same key with another title
        Map<String, Object> again = map(at(max.ok(Workspace.CREATE_TASK, Map.of("input", input)), "createTask"));
        ApiClient.Response reused = max.run(Workspace.CREATE_TASK, Map.of("input", Map.of("projectId", projectId,
                "title", "Twice?", "clientMutationId", "retry-1")));

        // THEN the retry returns the first task (no second number burnt), and the reuse is BAD_USER_INPUT
        assertThat(at(again, "task", "id")).isEqualTo(at(first, "task", "id"));
        assertThat(again.get("clientMutationId")).isEqualTo("retry-1");
        assertThat(Gql.extensions(reused)).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "clientMutationId");
        assertThat(at(Workspace.createTask(max, projectId, Map.of("title", "Next")), "number")).isEqualTo(2);
        assertThat(at(max.ok(PROJECT_TASKS, Map.of("id", projectId)), "node", "taskCounts", "total")).isEqualTo(2);
    }

    @Test
    void invalidInput_isBadUserInput_namingTheField(LocalStack stack) {
        Gql max = Gql.as(stack, "max@acme.test");
        String projectId = (String) Workspace.createProject(max, Workspace.uniqueKey()).get("id");
        Map<String, Map<String, Object>> cases = Map.of(
                "title", Map.of("projectId", projectId, "title", " "),
                "labels", Map.of("projectId", projectId, "title", "t", "labels", List.of("x", "x")),
                "assigneeId", Map.of("projectId", projectId, "title", "t", "assigneeId",
                        com.tenantgraph.graphql.GlobalId.encode("User", "nobody")),
                "projectId", Map.of("projectId", "not-an-id", "title", "t"));
        cases.forEach((field, input) -> assertThat(Gql.extensions(max.run(Workspace.CREATE_TASK,
                Map.of("input", input)))).as(field).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", field));
        assertThat(Gql.extensions(max.run(Workspace.CREATE_TASK, Map.of("input", Map.of("projectId", projectId,
                "title", "t", "dueDate", "2026-02-30"))))).containsEntry("code", "BAD_USER_INPUT");
        assertThat(Gql.extensions(max.run(Workspace.CREATE_PROJECT, Map.of("input", Map.of("key", "WEB",
                "name", "Taken"))))).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "key");
        assertThat(Gql.extensions(max.run("{ project(id: \"x\", key: \"WEB\") { id } }")))
                .containsEntry("code", "BAD_USER_INPUT");
        assertThat(at(max.ok(PROJECT_TASKS, Map.of("id", projectId)), "node", "taskCounts", "total")).isEqualTo(0);
    }

    @Test
    void pagination_walksAListToTheEnd_andFiltersAreKeyConditions(LocalStack stack) {
        // GIVEN a project with 7 tasks, 3 of them DONE
        Gql vic = Gql.as(stack, "vic@acme.test");
        Gql max = Gql.as(stack, "max@acme.test");
        String projectId = (String) Workspace.createProject(max, Workspace.uniqueKey()).get("id");
        for (int i = 1; i <= 7; i++) {
            Workspace.createTask(max, projectId, Map.of("title", "Task " + i, "status", i % 2 == 0 ? "DONE" : "TODO"));
        }

        // WHEN a VIEWER pages through it 3 at a time
        List<Object> numbers = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>(Map.of("id", projectId, "first", 3));
            variables.put("after", after);
            Map<String, Object> tasks = map(at(vic.ok(PROJECT_TASKS, variables), "node", "tasks"));
            list(tasks.get("edges")).forEach(edge -> numbers.add(map(edge.get("node")).get("number")));
            more = (Boolean) at(tasks, "pageInfo", "hasNextPage");
            after = (String) at(tasks, "pageInfo", "endCursor");
            pages++;
        }

        // THEN every task comes once, in number order, on full pages until the last
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(pages).isEqualTo(3);

        // AND a status filter gives exactly the DONE tasks, and a page size out of bounds is refused
        Map<String, Object> done = vic.ok(PROJECT_TASKS, Map.of("id", projectId, "status", "DONE", "first", 100));
        assertThat(list(at(done, "node", "tasks", "edges"))).extracting(e -> map(e.get("node")).get("number"))
                .containsExactly(2, 4, 6);
        assertThat(Gql.extensions(vic.run(PROJECT_TASKS, Map.of("id", projectId, "first", 101))))
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "first");
        assertThat(Gql.extensions(vic.run(PROJECT_TASKS, Map.of("id", projectId, "first", -1))))
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "first");
    }

    @Test
    void everyReadOfTheSchema_answersWithData_forTheSeededDemo(LocalStack stack) {
        // GIVEN the seeded demo tenant and its member
        Gql max = Gql.as(stack, "max@acme.test");

        // WHEN each read of the schema is asked
        Map<String, Object> data = max.ok("""
                { me { id assignedTasks(first: 5) { edges { node { identifier status } } } }
                  users(first: 10, filter: {role: ADMIN}) { edges { node { email role } } }
                  byStatus: users(filter: {status: ACTIVE}) { edges { node { email } } }
                  projects { edges { node { id key taskCounts { total } } } }
                  web: project(key: "web") { key tasks(first: 2) { edges { node { id } } } }
                  task(number: "WEB-1") { identifier reporter { email } }
                  tasksDueBefore(date: "2099-01-01", first: 5) { edges { node { dueDate status } } } }""");

        // THEN the answers are the seeded data, each list in its documented order
        assertThat(list(at(data, "users", "edges"))).extracting(e -> map(e.get("node")).get("role"))
                .containsOnly("ADMIN");
        assertThat(list(at(data, "byStatus", "edges"))).extracting(e -> map(e.get("node")).get("email"))
                .contains("ada@acme.test", "max@acme.test", "vic@acme.test");
        assertThat(at(data, "web", "key")).isEqualTo("WEB");
        assertThat(at(data, "task", "identifier")).isEqualTo("WEB-1");
        List<Map<String, Object>> due = list(at(data, "tasksDueBefore", "edges"));
        assertThat(due).isNotEmpty().allSatisfy(e -> assertThat(map(e.get("node")).get("status")).isNotEqualTo("DONE"));
        assertThat(due).extracting(e -> (String) map(e.get("node")).get("dueDate")).isSorted();
        String firstId = (String) map(list(at(data, "projects", "edges")).get(0).get("node")).get("id");
        Map<String, Object> nodes = max.ok("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", List.of(firstId, at(data, "me", "id"))));
        assertThat(list(nodes.get("nodes"))).extracting(n -> n.get("id")).containsExactly(firstId, at(data, "me", "id"));
    }
}
