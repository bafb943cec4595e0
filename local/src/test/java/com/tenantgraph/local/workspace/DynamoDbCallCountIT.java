package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.UserId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/performance.md: one round trip per level of to-one nesting. The DynamoDB calls of the client given to the
 * Application are counted by an SDK ExecutionInterceptor.
 */
@ExtendWith(SharedMoto.class)
class DynamoDbCallCountIT {
    private static final String CREATE_PROJECT = """
            mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }""";
    private static final String CREATE_TASK = """
            mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""";

    @Test
    void fiftyTasksWithAssigneeAndProject_costOneQueryOneBatchGetAndTheMembershipCheck(Table table) {
        // GIVEN 50 open, dated tasks in two projects, assigned to three members
        MotoBackedApi api = new MotoBackedApi(table);
        List<UserId> members = List.of(api.addMember("a", Role.MEMBER), api.addMember("b", Role.MEMBER),
                api.addMember("c", Role.ADMIN));
        String[] projects = {projectId(api, "ONE"), projectId(api, "TWO")};
        for (int i = 0; i < 50; i++) {
            Map<String, Object> body = api.graphql(api.admin, CREATE_TASK, Map.of("i", Map.of(
                    "projectId", projects[i % 2], "title", "Task " + i, "dueDate", "2030-01-" + (10 + i % 20),
                    "assigneeId", com.tenantgraph.graphql.GlobalId.encode("User", members.get(i % 3).value()))));
            assertThat(body).doesNotContainKey("errors");
        }
        api.recorder.calls.clear();

        // WHEN a page of 50 tasks is read with each task's assignee and project
        Map<String, Object> body = api.graphql(api.admin, """
                { tasksDueBefore(date: "2031-01-01", first: 50) { edges { node {
                    identifier title dueDate assignee { name email } project { key name } } } } }""", Map.of());

        // THEN all 50 come back, at the minimal cost: the page's Query, one BatchGetItem of the page's projects (the
        // list shows a task only while its project is live; those items then serve the project fields), one for
        // the level of assignees, and the membership check (a BatchGetItem of its own, sent beside the Query: the
        // first level reads nothing by key for it to share)
        assertThat(body).doesNotContainKey("errors");
        assertThat((List<?>) ((Map<?, ?>) ((Map<?, ?>) body.get("data")).get("tasksDueBefore")).get("edges"))
                .hasSize(50);
        assertThat(api.recorder.calls).containsExactlyInAnyOrder("Query", "BatchGetItem", "BatchGetItem",
                "BatchGetItem");
    }

    @Test
    void aProjectPageWithEachProjectsTasks_costsOneQueryPerParent_andOneBatchPerLevel(Table table) {
        // GIVEN three projects of four tasks each
        MotoBackedApi api = new MotoBackedApi(table);
        for (String key : new String[] {"AAA", "BBB", "CCC"}) {
            String projectId = projectId(api, key);
            for (int i = 0; i < 4; i++) {
                api.graphql(api.admin, CREATE_TASK, Map.of("i", Map.of("projectId", projectId, "title", "T" + i)));
            }
        }
        api.recorder.calls.clear();

        // WHEN projects are listed with their counts and their tasks' reporters (outside the index projection)
        Map<String, Object> body = api.graphql(api.admin, """
                { projects { edges { node { key taskCounts { total }
                    tasks(first: 4) { edges { node { identifier reporter { name } } } } } } } }""", Map.of());

        // THEN one Query for the projects and one per project's tasks (issued together), and BatchGetItems for the
        // levels that read by key: the membership check beside the first Query, the counters, then the tasks'
        // projects and reporters (the reporter's id is in the index projection). When the three task pages arrive
        // at different moments, graphql-java may dispatch that last level once per page: never more than that.
        assertThat(body).doesNotContainKey("errors");
        assertThat(api.recorder.count("Query")).isEqualTo(4);
        assertThat(api.recorder.count("GetItem")).isZero();
        assertThat(api.recorder.count("BatchGetItem")).isBetween(3L, 2L + 3L);
    }

    private static String projectId(MotoBackedApi api, String key) {
        Map<String, Object> body = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", key + "X",
                "name", key)));
        return (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) body.get("data")).get("createProject"))
                .get("project")).get("id");
    }
}
