package com.tenantgraph.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.admin.InputRules;
import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.workspace.Idempotency;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text DynamoDB cannot store is refused as BAD_USER_INPUT naming its field, by the model before any write. */
class StorableTextTest {
    private static final TenantId T = TenantId.of("acme");

    @ParameterizedTest
    @ValueSource(strings = {"a\ud800b", "a\udc00b", "end\ud83d", "nul\u0000"})
    void unstorableText_isRefused_namingTheField(String text) {
        assertThat(Rules.storable(text)).isFalse();
        assertRefused(() -> TaskItem.MODEL.validate(task(text, "fine", List.of())), "title");
        assertRefused(() -> TaskItem.MODEL.validate(task("fine", text, List.of())), "description");
        assertRefused(() -> CommentItem.MODEL.validate(new CommentItem(T, "p1", 1, "c1", "u1", text, Instant.now(),
                null, 0)), "body");
        assertRefused(() -> Idempotency.validate(text), "clientMutationId");
        assertThatThrownBy(() -> InputRules.personName("name", text))
                .isInstanceOfSatisfying(InputRules.InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "emoji \ud83d\ude00 pair", "accents éà", "tab\tand\nnewline"})
    void wellFormedText_isStorable(String text) {
        assertThat(Rules.storable(text)).isTrue();
        TaskItem.MODEL.validate(task("Title", text, List.of()));
    }

    private static TaskItem task(String title, String description, List<String> labels) {
        return TaskItem.draft(T, "p1", 1, title, description, TaskStatus.TODO, TaskPriority.MEDIUM, null, "u1", null,
                labels);
    }

    private static void assertRefused(Runnable validation, String field) {
        assertThatThrownBy(validation::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.extensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", field);
        });
    }
}
