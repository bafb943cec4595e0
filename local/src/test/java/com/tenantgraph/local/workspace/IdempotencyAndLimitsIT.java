package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.local.data.SharedMoto;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Idempotency keys live one day (checked in code: DynamoDB's TTL deletes lazily and moto never does), and nodes()
 * takes a bounded number of ids: both against moto through the real handler.
 */
@ExtendWith(SharedMoto.class)
class IdempotencyAndLimitsIT {
    private static final String CREATE_PROJECT = """
            mutation($i: CreateProjectInput!) { createProject(input: $i) { clientMutationId project { id key } } }""";
    private static final String PROJECT_KEYS = "{ projects(first: 100) { edges { node { key } } } }";

    @Test
    void createWithAClientMutationId_returnsTheFirstResultWithinADay_andIsForgottenAfterIt(Table table) {
        // GIVEN a project created with an idempotency key
        MotoBackedApi api = new MotoBackedApi(table);
        Map<String, Object> first = createProject(api, "retry-1", "IDEMA");

        // WHEN the same create is retried within the day
        Map<String, Object> retried = createProject(api, "retry-1", "IDEMA");

        // THEN the retry returns the first project and creates nothing more
        assertThat(retried).isEqualTo(first);
        assertThat(projectKeys(api)).containsExactly("IDEMA");

        // WHEN a day and an hour pass and the key is used again for another project
        api.clock.advance(Duration.ofHours(25));
        Map<String, Object> later = createProject(api, "retry-1", "IDEMB");

        // THEN the expired record no longer answers: a new project is created
        assertThat(later.get("key")).isEqualTo("IDEMB");
        assertThat(later.get("id")).isNotEqualTo(first.get("id"));
        assertThat(projectKeys(api)).containsExactlyInAnyOrder("IDEMA", "IDEMB");
    }

    @Test
    void nodes_refusesMoreThanAHundredIds_namingTheArgument(Table table) {
        // GIVEN 101 well-formed ids
        MotoBackedApi api = new MotoBackedApi(table);
        List<String> ids = IntStream.range(0, 101)
                .mapToObj(i -> com.tenantgraph.graphql.GlobalId.encode("Project", "p" + i)).toList();

        // WHEN they are asked for at once
        Map<String, Object> body = api.graphql(api.admin, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                Map.of("ids", ids));

        // THEN BAD_USER_INPUT on "ids", and no data
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) body.get("errors")).get(0);
        assertThat(error.get("extensions")).isEqualTo(Map.of("code", "BAD_USER_INPUT", "field", "ids",
                "classification", "ValidationError"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> createProject(MotoBackedApi api, String clientMutationId, String key) {
        Map<String, Object> body = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of(
                "clientMutationId", clientMutationId, "key", key, "name", "Project " + key)));
        assertThat(body).doesNotContainKey("errors");
        Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) body.get("data")).get("createProject");
        assertThat(payload.get("clientMutationId")).isEqualTo(clientMutationId);
        return (Map<String, Object>) payload.get("project");
    }

    @SuppressWarnings("unchecked")
    private static List<String> projectKeys(MotoBackedApi api) {
        Map<String, Object> body = api.graphql(api.admin, PROJECT_KEYS, Map.of());
        List<Map<String, Object>> edges = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                body.get("data")).get("projects")).get("edges");
        return edges.stream().map(e -> (String) ((Map<String, Object>) e.get("node")).get("key")).toList();
    }
}
