package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.Gql.at;
import static com.tenantgraph.local.e2e.Gql.map;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Small fixtures for the end-to-end tests: a fresh project (unique key) with a task and a comment, made by an admin. */
final class Workspace {
    static final String CREATE_PROJECT = """
            mutation($input: CreateProjectInput!) { createProject(input: $input) {
              clientMutationId project { id key name description version } } }""";
    static final String CREATE_TASK = """
            mutation($input: CreateTaskInput!) { createTask(input: $input) {
              clientMutationId task { id number identifier title description status priority dueDate labels version
                assignee { id } reporter { id } } } }""";
    static final String ADD_COMMENT = """
            mutation($input: AddCommentInput!) { addComment(input: $input) {
              clientMutationId comment { id body version author { id } } } }""";
    static final String NODE_VERSION = """
            query($id: ID!) { node(id: $id) { id ... on Project { version name key }
              ... on Task { version title status } ... on Comment { version body } } }""";

    private Workspace() {
    }

    /** A project key no other test uses. */
    static String uniqueKey() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    static Map<String, Object> createProject(Gql as, String key) {
        return map(at(as.ok(CREATE_PROJECT, Map.of("input", Map.of("key", key, "name", "Project " + key))),
                "createProject", "project"));
    }

    static Map<String, Object> createTask(Gql as, String projectId, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("projectId", projectId);
        input.putIfAbsent("title", "A task");
        return map(at(as.ok(CREATE_TASK, Map.of("input", input)), "createTask", "task"));
    }

    static Map<String, Object> addComment(Gql as, String taskId, String body) {
        return map(at(as.ok(ADD_COMMENT, Map.of("input", Map.of("taskId", taskId, "body", body))),
                "addComment", "comment"));
    }

    /** A project with one task and one comment, all by {@code as}. */
    record Fixture(String projectId, String projectKey, String taskId, String taskIdentifier, String commentId) {
        static Fixture create(Gql as) {
            String key = uniqueKey();
            String projectId = (String) createProject(as, key).get("id");
            Map<String, Object> task = createTask(as, projectId, Map.of("title", "Fixture task",
                    "dueDate", "2031-01-15"));
            String commentId = (String) addComment(as, (String) task.get("id"), "Fixture comment").get("id");
            return new Fixture(projectId, key, (String) task.get("id"), (String) task.get("identifier"), commentId);
        }
    }

    /** The node as the admin sees it now (null when not found). */
    static Map<String, Object> node(Gql admin, String id) {
        ApiClient.Response response = admin.run(NODE_VERSION, Map.of("id", id));
        Object data = response.body().get("data");
        return data == null ? null : map(map(data).get("node"));
    }
}
