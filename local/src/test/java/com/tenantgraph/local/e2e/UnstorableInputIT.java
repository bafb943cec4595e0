package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.Gql.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text DynamoDB cannot store, sent as JSON escapes over real HTTP (an unpaired surrogate, a NUL), is BAD_USER_INPUT
 * naming the field, and reserves nothing: the next task still gets number 1.
 */
@ExtendWith(SharedLocalStack.class)
class UnstorableInputIT {
    private static final String MARK = "UNSTORABLE-MARK";

    @ParameterizedTest
    @ValueSource(strings = {"a\\ud800b", "a\\udc00", "nul\\u0000"})
    void unstorableText_isBadUserInput_namingTheField_andUsesNoNumber(String escaped, LocalStack stack) {
        Gql max = Gql.as(stack, "max@acme.test");
        String projectId = (String) Workspace.createProject(max, Workspace.uniqueKey()).get("id");

        String task = Gql.json(Map.of("query", Workspace.CREATE_TASK, "variables", Map.of("input",
                Map.of("projectId", projectId, "title", MARK)))).replace(MARK, escaped);
        String project = Gql.json(Map.of("query", Workspace.CREATE_PROJECT, "variables", Map.of("input",
                Map.of("key", Workspace.uniqueKey(), "name", "ok", "description", MARK)))).replace(MARK, escaped);
        String key = Gql.json(Map.of("query", Workspace.CREATE_TASK, "variables", Map.of("input",
                Map.of("projectId", projectId, "title", "ok", "clientMutationId", MARK)))).replace(MARK, escaped);

        assertThat(Gql.extensions(max.runRaw(task))).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "title");
        assertThat(Gql.extensions(max.runRaw(project))).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "description");
        assertThat(Gql.extensions(max.runRaw(key))).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "clientMutationId");
        assertThat(at(Workspace.createTask(max, projectId, Map.of("title", "First")), "number")).isEqualTo(1);
    }
}
