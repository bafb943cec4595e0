package com.tenantgraph.pipeline;

import static com.tenantgraph.tenancy.Action.ADD_COMMENT;
import static com.tenantgraph.tenancy.Action.CREATE_PROJECT;
import static com.tenantgraph.tenancy.Action.CREATE_TASK;
import static com.tenantgraph.tenancy.Action.DELETE_ANY_COMMENT;
import static com.tenantgraph.tenancy.Action.DELETE_OWN_COMMENT;
import static com.tenantgraph.tenancy.Action.DELETE_PROJECT;
import static com.tenantgraph.tenancy.Action.DELETE_TASK;
import static com.tenantgraph.tenancy.Action.EDIT_ANY_COMMENT;
import static com.tenantgraph.tenancy.Action.EDIT_OWN_COMMENT;
import static com.tenantgraph.tenancy.Action.MANAGE_USERS;
import static com.tenantgraph.tenancy.Action.READ;
import static com.tenantgraph.tenancy.Action.UPDATE_PROJECT;
import static com.tenantgraph.tenancy.Action.UPDATE_TASK;
import static com.tenantgraph.tenancy.Action.UPDATE_TENANT;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Role;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The role matrix, in one place (docs/security.md and docs/user-administration.md rely on it). The role is always the one in the caller's membership record (read
 * on every request), never the token's groups. Rules that need more than the role (never the last ADMIN, never
 * disable yourself, "own" comments) are checked where the data is, on top of this matrix.
 *
 * <pre>
 * action                                   VIEWER  MEMBER  ADMIN
 * read everything in the tenant            yes     yes     yes
 * create/update tasks, add comments        no      yes     yes
 * edit/delete a comment                    no      own     any
 * create/update projects                   no      yes     yes
 * delete projects and tasks                no      no      yes
 * manage users; rename the tenant          no      no      yes
 * </pre>
 */
public final class RoleMatrix {
    private static final Map<Role, Set<Action>> ALLOWED = new EnumMap<>(Role.class);

    static {
        ALLOWED.put(Role.VIEWER, EnumSet.of(READ));
        ALLOWED.put(Role.MEMBER, EnumSet.of(READ, CREATE_TASK, UPDATE_TASK, ADD_COMMENT, EDIT_OWN_COMMENT,
                DELETE_OWN_COMMENT, CREATE_PROJECT, UPDATE_PROJECT));
        ALLOWED.put(Role.ADMIN, EnumSet.allOf(Action.class));
    }

    private RoleMatrix() {
    }

    public static boolean allows(Role role, Action action) {
        return ALLOWED.get(role).contains(action);
    }

    /** Throws FORBIDDEN, naming the action, when {@code role} may not perform it. */
    public static void require(Role role, Action action) {
        if (!allows(role, action)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Your role (" + role + ") may not "
                    + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }
}
