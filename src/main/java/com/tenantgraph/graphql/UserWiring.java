package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import com.tenantgraph.admin.UserAdministration;
import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.pipeline.RoleMatrix;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.UserId;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Users: {@code me} (the membership record the check has already read; no second read), {@code users}, a user's
 * global id and assigned tasks, the tenant's pending invitations, and the administration mutations (MANAGE_USERS:
 * ADMIN only, for the invitations list as well). A user id in an input is
 * a global id decoded once ({@link Ids#userId}) and completed with the request's tenant, so another tenant's user is
 * not found. The writes are blocking SDK calls, run on the I/O executor.
 */
final class UserWiring implements Dispatch.Reads<UserWiring.Field>, Dispatch.Writes<UserWiring.Mutation> {
    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        QUERY_ME("Query", "me"),
        QUERY_USERS("Query", "users"),
        TENANT_INVITATIONS("Tenant", "invitations"),
        INVITATION_INVITED_BY_ID("Invitation", "invitedById"),
        INVITATION_EXPIRES_AT("Invitation", "expiresAt"),
        USER_ID("User", "id"),
        USER_ASSIGNED_TASKS("User", "assignedTasks");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    /** The administration mutations, each with the action the Guard checks; {@link #write} has a case for each. */
    enum Mutation {
        INVITE_USER("inviteUser", Action.MANAGE_USERS),
        REVOKE_INVITATION("revokeInvitation", Action.MANAGE_USERS),
        CHANGE_USER_ROLE("changeUserRole", Action.MANAGE_USERS),
        DISABLE_USER("disableUser", Action.MANAGE_USERS),
        ENABLE_USER("enableUser", Action.MANAGE_USERS),
        REMOVE_USER("removeUser", Action.MANAGE_USERS);

        final String fieldName;
        final Action action;

        Mutation(String fieldName, Action action) {
            this.fieldName = fieldName;
            this.action = action;
        }
    }

    private final Services services;

    private UserWiring(Services services) {
        this.services = services;
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        UserWiring area = new UserWiring(services);
        for (Field field : Field.values()) {
            wiring.type(newTypeWiring(field.type).dataFetcher(field.fieldName, new Dispatch.Read<>(area, field)));
        }
        for (Mutation mutation : Mutation.values()) {
            wiring.type(newTypeWiring("Mutation").dataFetcher(mutation.fieldName,
                    Guard.mutation(mutation.action, new Dispatch.Write<>(area, mutation))));
        }
    }

    @Override
    public Object read(Field field, DataFetchingEnvironment env) {
        return switch (field) {
            case QUERY_ME -> RequestContext.of(env).membership();
            case QUERY_USERS -> users(services, env);
            case TENANT_INVITATIONS -> invitations(services, env);
            case INVITATION_INVITED_BY_ID -> Ids.ofUser(((InvitationItem) env.getSource()).invitedBy());
            case INVITATION_EXPIRES_AT -> ((InvitationItem) env.getSource()).expiry();
            case USER_ID -> Ids.user(env.getSource());
            case USER_ASSIGNED_TASKS -> assignedTasks(services, env);
        };
    }

    /** The administration mutations, run by the Guard once the caller may: each is a blocking write on the I/O pool. */
    @Override
    public CompletableFuture<Map<String, Object>> write(Mutation mutation, DataFetchingEnvironment env, Member member) {
        return Arguments.run(services, () -> administer(mutation, Arguments.input(env), member));
    }

    private Map<String, Object> administer(Mutation mutation, Map<String, Object> input, Member member) {
        UserAdministration users = services.users();
        return switch (mutation) {
            case INVITE_USER -> {
                String clientMutationId = (String) input.get("clientMutationId");
                UserAdministration.IssuedInvitation issued = users.invite(member,
                        new UserAdministration.Invitation(clientMutationId, (String) input.get("email"),
                                (String) input.get("name"), role(input)));
                yield Arguments.payload("clientMutationId", clientMutationId,
                        "invitation", issued.invitation(), "acceptCode", issued.code().value());
            }
            case REVOKE_INVITATION -> Arguments.payload("clientMutationId", input.get("clientMutationId"),
                    "revokedEmail", users.revokeInvitation(member, (String) input.get("email")));
            case CHANGE_USER_ROLE -> Map.of("user", users.changeRole(member, target(input), role(input),
                    Arguments.expectedVersion(input)));
            case DISABLE_USER -> Map.of("user", users.disable(member, target(input),
                    Arguments.expectedVersion(input)));
            case ENABLE_USER -> Map.of("user", users.enable(member, target(input),
                    Arguments.expectedVersion(input)));
            case REMOVE_USER -> {
                UserItem removed = users.remove(member, target(input), Arguments.expectedVersion(input));
                yield Map.of("removedUserId", Ids.user(removed), "user", removed);
            }
        };
    }

    private static CompletableFuture<Map<String, Object>> users(Services services, DataFetchingEnvironment env) {
        Map<String, Object> filter = env.getArgument("filter");
        Role role = filter == null || filter.get("role") == null ? null : Role.valueOf((String) filter.get("role"));
        UserStatus status = filter == null || filter.get("status") == null ? null
                : UserStatus.valueOf((String) filter.get("status"));
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(),
                "Query.users|role=" + Connections.part(role) + "|status=" + Connections.part(status),
                (first, after) -> services.lists().users(context.tenant(), role, status, first, after));
    }

    /** ADMIN only: the role matrix's MANAGE_USERS, applied to the membership the check has read. */
    private static CompletableFuture<Map<String, Object>> invitations(Services services,
                                                                      DataFetchingEnvironment env) {
        RequestContext context = RequestContext.of(env);
        context.items().dispatch(); // the membership read may be queued on the loader: send it now
        return context.member().thenCompose(member -> {
            RoleMatrix.require(member.role(), Action.MANAGE_USERS);
            return Connections.of(env, services.cursors(), services.io(), "Tenant.invitations",
                    (first, after) -> services.lists().invitations(member.tenant(), first, after));
        });
    }

    private static CompletableFuture<Map<String, Object>> assignedTasks(Services services,
                                                                        DataFetchingEnvironment env) {
        UserItem user = env.getSource();
        TaskStatus status = TaskWiring.statusFilter(env);
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(),
                "User.assignedTasks|user=" + user.userId().value() + "|status=" + Connections.part(status),
                LiveTasks.of(context, services.batchGetter(), (first, after) -> services.lists().assignedTasks(
                        context.tenant(), user.userId(), status, first, after)));
    }

    private static Role role(Map<String, Object> input) {
        return Role.valueOf(String.valueOf(input.get("role")));
    }

    private static UserId target(Map<String, Object> input) {
        return Ids.userId((String) input.get("userId"), "userId");
    }
}
