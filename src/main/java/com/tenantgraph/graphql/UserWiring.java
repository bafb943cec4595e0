package com.tenantgraph.graphql;

import com.tenantgraph.admin.UserAdministration;
import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.pipeline.RoleMatrix;
import com.tenantgraph.tenancy.Action;
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
final class UserWiring {
    private UserWiring() {
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        UserAdministration users = services.users();
        wiring.type("Query", t -> t
                        .dataFetcher("me", env -> RequestContext.of(env).membership())
                        .dataFetcher("users", env -> users(services, env)))
                .type("Tenant", t -> t.dataFetcher("invitations", env -> invitations(services, env)))
                .type("Invitation", t -> t
                        .dataFetcher("invitedById", env -> Ids.ofUser(((InvitationItem) env.getSource()).invitedBy()))
                        .dataFetcher("expiresAt", env -> ((InvitationItem) env.getSource()).expiry()))
                .type("User", t -> t
                        .dataFetcher("id", env -> Ids.user(env.getSource()))
                        .dataFetcher("assignedTasks", env -> assignedTasks(services, env)))
                .type("Mutation", t -> t
                        .dataFetcher("inviteUser", Guard.mutation(Action.MANAGE_USERS, (env, member) ->
                                Arguments.run(services, () -> {
                                    Map<String, Object> input = Arguments.input(env);
                                    String clientMutationId = (String) input.get("clientMutationId");
                                    UserAdministration.IssuedInvitation issued = users.invite(member,
                                            new UserAdministration.Invitation(clientMutationId,
                                                    (String) input.get("email"), (String) input.get("name"),
                                                    role(input)));
                                    return Arguments.payload("clientMutationId", clientMutationId,
                                            "invitation", issued.invitation(), "acceptCode", issued.code().value());
                                })))
                        .dataFetcher("revokeInvitation", Guard.mutation(Action.MANAGE_USERS, (env, member) ->
                                Arguments.run(services, () -> {
                                    Map<String, Object> input = Arguments.input(env);
                                    return Arguments.payload("clientMutationId", input.get("clientMutationId"),
                                            "revokedEmail", users.revokeInvitation(member,
                                                    (String) input.get("email")));
                                })))
                        .dataFetcher("changeUserRole", Guard.mutation(Action.MANAGE_USERS, (env, member) ->
                                Arguments.run(services, () -> {
                                    Map<String, Object> input = Arguments.input(env);
                                    return Map.of("user", users.changeRole(member, target(input), role(input),
                                            Arguments.expectedVersion(input)));
                                })))
                        .dataFetcher("disableUser", Guard.mutation(Action.MANAGE_USERS, (env, member) ->
                                Arguments.run(services, () -> {
                                    Map<String, Object> input = Arguments.input(env);
                                    return Map.of("user", users.disable(member, target(input),
                                            Arguments.expectedVersion(input)));
                                })))
                        .dataFetcher("enableUser", Guard.mutation(Action.MANAGE_USERS, (env, member) ->
                                Arguments.run(services, () -> {
                                    Map<String, Object> input = Arguments.input(env);
                                    return Map.of("user", users.enable(member, target(input),
                                            Arguments.expectedVersion(input)));
                                })))
                        .dataFetcher("removeUser", Guard.mutation(Action.MANAGE_USERS, (env, member) ->
                                Arguments.run(services, () -> {
                                    Map<String, Object> input = Arguments.input(env);
                                    UserItem removed = users.remove(member, target(input),
                                            Arguments.expectedVersion(input));
                                    return Map.of("removedUserId", Ids.user(removed), "user", removed);
                                }))));
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
