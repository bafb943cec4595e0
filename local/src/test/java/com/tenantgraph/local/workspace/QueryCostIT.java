package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query cost (README, "Query cost") bounds what one request can make DynamoDB do: the costliest shape per call, a
 * list of lists, at exactly the default budget makes an exact, small number of calls; one unit more is refused
 * before anything but the membership is read; and the security review's query (issue 16: {@code nodes} with one
 * project id a hundred times, each with 100 tasks and their 100 comments, thousands of calls) is refused the same way.
 * Calls are counted by an SDK interceptor on the handler's own DynamoDB client, against moto.
 */
@ExtendWith(SharedMoto.class)
class QueryCostIT {
    /** Each of 90 users with a list of its tasks: 10 + 90 × (1 + 10) = 1000, the default budget. */
    private static final String USERS_WITH_THEIR_TASK_LISTS = """
            query($n: Int) { users(first: $n) { edges { node {
                assignedTasks(first: 0) { pageInfo { hasNextPage } } } } } }""";

    @Test
    void theWorstShapeAtTheBudget_makesOneQueryPerListAndTheMembershipRead_andOneUnitMoreIsRefused(Table table) {
        // GIVEN a tenant of 90 members (the admin and 89 more)
        MotoBackedApi api = new MotoBackedApi(table);
        for (int i = 0; i < 89; i++) {
            api.addMember("m" + i, Role.VIEWER);
        }

        // WHEN the 90 users are listed, each with its own list (the most Queries a budget of 1000 buys)
        api.recorder.calls.clear();
        Map<String, Object> atBudget = api.graphql(api.admin, USERS_WITH_THEIR_TASK_LISTS, Map.of("n", 90));

        // THEN it runs, with exactly 91 Queries (the users, then one per user) and the membership's BatchGetItem
        assertThat(atBudget).doesNotContainKey("errors");
        assertThat(edges(atBudget, "users")).hasSize(90);
        assertThat(api.recorder.calls).hasSize(92);
        assertThat(api.recorder.count("Query")).isEqualTo(91);
        assertThat(api.recorder.count("BatchGetItem")).isEqualTo(1);

        // WHEN one user more is asked for (cost 1011)
        api.recorder.calls.clear();
        Map<String, Object> over = api.graphql(api.admin, USERS_WITH_THEIR_TASK_LISTS, Map.of("n", 91));

        // THEN it is refused with its cost and the budget, and only the membership was read
        assertThat(extensions(over)).containsEntry("code", "BAD_USER_INPUT").containsEntry("reason", "QUERY_COST")
                .containsEntry("cost", 1011).containsEntry("budget", 1000);
        assertThat(over.get("data")).isNull();
        assertThat(api.recorder.calls).containsExactly("BatchGetItem");
    }

    @Test
    void theReviewsQuery_oneProjectIdAHundredTimesWithNestedLists_isRefusedBeforeAnyQuery(Table table) {
        // GIVEN a project with a task and a comment
        MotoBackedApi api = new MotoBackedApi(table);
        String project = createProject(api, "BIG");
        String task = data(api.graphql(api.admin, """
                mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
                Map.of("i", Map.of("projectId", project, "title", "t"))), "createTask", "task");
        api.graphql(api.admin, "mutation($i: AddCommentInput!) { addComment(input: $i) { comment { id } } }",
                Map.of("i", Map.of("taskId", task, "body", "c")));
        String nested = "{ ... on Project { tasks(first: 100) { edges { node {"
                + " comments(first: 100) { edges { node { body } } } } } } } }";

        // WHEN a viewer asks for it a hundred times over, each with its tasks and their comments
        api.recorder.calls.clear();
        Map<String, Object> repeated = api.graphql(api.addMember("viewer", Role.VIEWER),
                "query($ids: [ID!]!) { nodes(ids: $ids) " + nested + " }",
                Map.of("ids", java.util.Collections.nCopies(100, project)));

        // THEN the repeated id is refused on ids, and nothing was queried
        assertThat(extensions(repeated)).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "ids");
        assertThat(api.recorder.calls).containsExactly("BatchGetItem");

        // WHEN four distinct projects are asked for with the same nesting (30 aliases of it made the gateway time out)
        List<String> four = new ArrayList<>(List.of(project));
        for (String key : List.of("B2", "C3", "D4")) {
            four.add(createProject(api, key));
        }
        api.recorder.calls.clear();
        String aliased = IntStream.range(0, 30).mapToObj(i -> "a" + i + ": nodes(ids: $ids) " + nested)
                .collect(Collectors.joining(" ", "query($ids: [ID!]!) { ", " }"));
        Map<String, Object> distinct = api.graphql(api.admin, aliased, Map.of("ids", four));

        // THEN it is refused for its cost, with nothing queried
        assertThat(extensions(distinct)).containsEntry("reason", "QUERY_COST").containsEntry("budget", 1000);
        assertThat((Integer) extensions(distinct).get("cost")).isGreaterThan(1000);
        assertThat(api.recorder.calls).containsExactly("BatchGetItem");
    }

    private static String createProject(MotoBackedApi api, String key) {
        return data(api.graphql(api.admin, "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
                Map.of("i", Map.of("key", key, "name", key))), "createProject", "project");
    }

    @SuppressWarnings("unchecked")
    private static String data(Map<String, Object> body, String field, String object) {
        assertThat(body).doesNotContainKey("errors");
        Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) body.get("data")).get(field);
        return (String) ((Map<String, Object>) payload.get(object)).get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> edges(Map<String, Object> body, String field) {
        return (List<Object>) ((Map<String, Object>) ((Map<String, Object>) body.get("data")).get(field)).get("edges");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensions(Map<String, Object> body) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).as("errors of %s", body).isNotEmpty();
        return (Map<String, Object>) errors.get(0).get("extensions");
    }
}
