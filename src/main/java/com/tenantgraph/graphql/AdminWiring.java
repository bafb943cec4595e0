package com.tenantgraph.graphql;

import com.tenantgraph.admin.TenantAdministration;
import com.tenantgraph.admin.UserAdministration;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.UserId;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The user and tenant administration mutations (schema.graphqls, "Administration"). Each is registered only through
 * {@link Guard#mutation}, so it runs once the caller's membership is verified and the role matrix allows the action
 * (MANAGE_USERS or UPDATE_TENANT: ADMIN only). The tenant is always the caller's own; ids in the input are global ids
 * completed with that tenant, so another tenant's user is not found. The writes are blocking SDK calls, run on the
 * I/O executor.
 */
public final class AdminWiring {
    private final UserAdministration users;
    private final TenantAdministration tenants;
    private final Executor executor;

    public AdminWiring(UserAdministration users, TenantAdministration tenants, Executor executor) {
        this.users = users;
        this.tenants = tenants;
        this.executor = executor;
    }

    /** Adds the mutations to {@code wiring}. */
    public RuntimeWiring.Builder apply(RuntimeWiring.Builder wiring) {
        return wiring.type("Mutation", type -> type
                .dataFetcher("inviteUser", Guard.mutation(Action.MANAGE_USERS, (env, member) -> async(() -> {
                    Map<String, Object> input = input(env);
                    String clientMutationId = (String) input.get("clientMutationId");
                    UserItem user = users.invite(member, new UserAdministration.Invitation(clientMutationId,
                            (String) input.get("email"), (String) input.get("name"), role(input)));
                    Map<String, Object> payload = new HashMap<>();
                    payload.put("clientMutationId", clientMutationId);
                    payload.put("user", user);
                    return payload;
                })))
                .dataFetcher("changeUserRole", Guard.mutation(Action.MANAGE_USERS, (env, member) -> async(() -> {
                    Map<String, Object> input = input(env);
                    return Map.of("user", users.changeRole(member, userId(input), role(input), expectedVersion(input)));
                })))
                .dataFetcher("disableUser", Guard.mutation(Action.MANAGE_USERS, (env, member) -> async(() -> {
                    Map<String, Object> input = input(env);
                    return Map.of("user", users.disable(member, userId(input), expectedVersion(input)));
                })))
                .dataFetcher("enableUser", Guard.mutation(Action.MANAGE_USERS, (env, member) -> async(() -> {
                    Map<String, Object> input = input(env);
                    return Map.of("user", users.enable(member, userId(input), expectedVersion(input)));
                })))
                .dataFetcher("removeUser", Guard.mutation(Action.MANAGE_USERS, (env, member) -> async(() -> {
                    Map<String, Object> input = input(env);
                    UserItem removed = users.remove(member, userId(input), expectedVersion(input));
                    return Map.of("removedUserId", GlobalId.encode("User", removed.userId().value()), "user", removed);
                })))
                .dataFetcher("updateTenant", Guard.mutation(Action.UPDATE_TENANT, (env, member) -> async(() -> {
                    Map<String, Object> input = input(env);
                    return Map.of("tenant", tenants.rename(member.tenantId(), (String) input.get("name"),
                            expectedVersion(input)));
                }))));
    }

    private <T> CompletableFuture<T> async(Supplier<T> write) {
        return CompletableFuture.supplyAsync(write, executor);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(DataFetchingEnvironment env) {
        return (Map<String, Object>) env.getArgument("input");
    }

    private static Role role(Map<String, Object> input) {
        return Role.valueOf(String.valueOf(input.get("role")));
    }

    /** A global id of type User, else BAD_USER_INPUT on {@code userId}. */
    static UserId userId(Map<String, Object> input) {
        GlobalId id = GlobalId.decode((String) input.get("userId"), "userId");
        if (!"User".equals(id.type()) || id.keyParts().size() != 1 || !UserId.isWellFormed(id.keyParts().get(0))) {
            throw ApiException.badInput("userId", "Not a user id");
        }
        return UserId.of(id.keyParts().get(0));
    }

    private static long expectedVersion(Map<String, Object> input) {
        Object value = input.get("expectedVersion");
        if (!(value instanceof Number number) || number.longValue() < 1) {
            throw ApiException.badInput("expectedVersion", "expectedVersion is a version number, 1 or more");
        }
        return number.longValue();
    }
}
