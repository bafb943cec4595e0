package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden statement of the role matrix: every action for every role, written out cell by cell, independent of
 * {@link RoleMatrix}'s own sets. Granting a role one more action (VIEWER {@code CREATE_TASK}, say) or taking one away
 * fails here; a new action fails until it has its row. Change this table only when the product's rules change.
 */
class RoleMatrixTest {
    private static final String MATRIX = """
            action               VIEWER  MEMBER  ADMIN
            READ                 yes     yes     yes
            CREATE_PROJECT       no      yes     yes
            UPDATE_PROJECT       no      yes     yes
            DELETE_PROJECT       no      no      yes
            CREATE_TASK          no      yes     yes
            UPDATE_TASK          no      yes     yes
            DELETE_TASK          no      no      yes
            ADD_COMMENT          no      yes     yes
            EDIT_OWN_COMMENT     no      yes     yes
            EDIT_ANY_COMMENT     no      no      yes
            DELETE_OWN_COMMENT   no      yes     yes
            DELETE_ANY_COMMENT   no      no      yes
            MANAGE_USERS         no      no      yes
            UPDATE_TENANT        no      no      yes
            """;
    private static final List<Role> COLUMNS = List.of(Role.VIEWER, Role.MEMBER, Role.ADMIN);

    /** One cell: (action, role, allowed). */
    static Stream<Arguments> cells() {
        return rows().flatMap(row -> {
            Action action = Action.valueOf(row[0]);
            return Stream.of(0, 1, 2).map(i -> Arguments.of(action, COLUMNS.get(i), yesOrNo(row[i + 1])));
        });
    }

    @ParameterizedTest(name = "{1} {0}: {2}")
    @MethodSource("cells")
    void everyCell_isExactlyAsWritten(Action action, Role role, boolean allowed) {
        assertThat(RoleMatrix.allows(role, action)).isEqualTo(allowed);
        if (allowed) {
            RoleMatrix.require(role, action);
        } else {
            assertThatThrownBy(() -> RoleMatrix.require(role, action)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
    }

    @Test
    void theTable_hasOneRowPerAction_andOneColumnPerRole() {
        assertThat(rows().map(row -> Action.valueOf(row[0])).toList()).containsExactlyInAnyOrder(Action.values())
                .doesNotHaveDuplicates();
        assertThat(COLUMNS).containsExactlyInAnyOrder(Role.values());
        assertThat(MATRIX.lines().findFirst().orElseThrow().trim().split("\\s+"))
                .containsExactly("action", "VIEWER", "MEMBER", "ADMIN");
    }

    @Test
    void aDeniedAction_isForbidden_namingTheRoleAndTheAction() {
        assertThatThrownBy(() -> RoleMatrix.require(Role.VIEWER, Action.CREATE_TASK))
                .isInstanceOf(ApiException.class)
                .hasMessage("Your role (VIEWER) may not create task");
    }

    private static Stream<String[]> rows() {
        return MATRIX.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("action "))
                .map(line -> line.split("\\s+"))
                .peek(row -> assertThat(row).as(Arrays.toString(row)).hasSize(4));
    }

    private static boolean yesOrNo(String cell) {
        return switch (cell) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("a cell is yes or no, got " + cell);
        };
    }
}
