package com.tenantgraph.local.e2e;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** The administration mutations as a front end sends them, and the two stores read back directly to check them. */
final class AdminApi {
    static final String CHANGE_ROLE = "mutation ChangeRole($input: ChangeUserRoleInput!) {"
            + " changeUserRole(input: $input) { user { id role status version } } }";
    static final String DISABLE = "mutation Disable($input: DisableUserInput!) {"
            + " disableUser(input: $input) { user { id role status version } } }";
    static final String ENABLE = "mutation Enable($input: EnableUserInput!) {"
            + " enableUser(input: $input) { user { id role status version } } }";
    static final String REMOVE = "mutation Remove($input: RemoveUserInput!) {"
            + " removeUser(input: $input) { removedUserId user { id role status version } } }";
    static final String UPDATE_TENANT = "mutation Rename($input: UpdateTenantInput!) {"
            + " updateTenant(input: $input) { tenant { id name version } } }";

    private final LocalStack stack;
    private final ApiClient api;
    private final Table table;

    AdminApi(LocalStack stack) {
        this.stack = stack;
        this.api = new ApiClient(stack);
        this.table = new Table(stack.dynamoDb(), stack.output("tableName"));
    }

    ApiClient.Response send(String token, String mutation, Map<String, Object> input) {
        return api.post(Map.of("Authorization", "Bearer " + token),
                ApiClient.json(Map.of("query", mutation, "variables", Map.of("input", input))));
    }

    ApiClient.Response invite(String token, String email, String role) {
        return send(token, Invitations.INVITE, Map.of("email", email, "name", "Invitee", "role", role));
    }

    ApiClient.Response revokeInvitation(String token, String email) {
        return send(token, Invitations.REVOKE, Map.of("email", email));
    }

    ApiClient.Response invitations(String token, Integer first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        return api.post(Map.of("Authorization", "Bearer " + token),
                ApiClient.json(Map.of("query", Invitations.LIST, "variables", variables)));
    }

    /** Whether a pending invitation of {@code email} is stored in the tenant. */
    boolean invitationExists(String tenant, String email) {
        return table.getConsistent(Keys.invitation(TenantId.of(tenant), email), "test").isPresent();
    }

    ApiClient.Response changeRole(String token, String userId, String role, long version) {
        return send(token, CHANGE_ROLE, Map.of("userId", userId, "role", role, "expectedVersion", version));
    }

    ApiClient.Response disable(String token, String userId, long version) {
        return send(token, DISABLE, Map.of("userId", userId, "expectedVersion", version));
    }

    ApiClient.Response enable(String token, String userId, long version) {
        return send(token, ENABLE, Map.of("userId", userId, "expectedVersion", version));
    }

    ApiClient.Response remove(String token, String userId, long version) {
        return send(token, REMOVE, Map.of("userId", userId, "expectedVersion", version));
    }

    ApiClient.Response rename(String token, String name, long version) {
        return send(token, UPDATE_TENANT, Map.of("name", name, "expectedVersion", version));
    }

    // ---- the stores, read directly ----------------------------------------------------------------------------

    UserItem record(String tenant, String sub) {
        return new UserRepository(table).find(TenantId.of(tenant), UserId.of(sub)).orElseThrow();
    }

    Optional<UserItem> findRecord(String tenant, String sub) {
        return new UserRepository(table).find(TenantId.of(tenant), UserId.of(sub));
    }

    TenantItem tenant(String tenant) {
        return new TenantRepository(table).find(TenantId.of(tenant)).orElseThrow();
    }

    boolean emailMarkerExists(String tenant, String email) {
        return table.getConsistent(Keys.emailMarker(TenantId.of(tenant), email), "test").isPresent();
    }

    boolean cognitoUserExists(String username) {
        try {
            stack.cognito().adminGetUser(r -> r.userPoolId(stack.output("userPoolId")).username(username));
            return true;
        } catch (UserNotFoundException e) {
            return false;
        }
    }

    Map<String, String> cognitoAttributes(String username) {
        Map<String, String> attributes = new HashMap<>();
        stack.cognito().adminGetUser(r -> r.userPoolId(stack.output("userPoolId")).username(username))
                .userAttributes().forEach(a -> attributes.put(a.name(), a.value()));
        return attributes;
    }

    boolean cognitoEnabled(String username) {
        return Boolean.TRUE.equals(stack.cognito().adminGetUser(r -> r.userPoolId(stack.output("userPoolId"))
                .username(username)).enabled());
    }

    /**
     * The user's groups. {@code emailOrSub} is first resolved to the username (the sub): cognito-local's
     * AdminListGroupsForUser, unlike Cognito, matches only the username itself, not an alias.
     */
    List<String> groups(String emailOrSub) {
        String pool = stack.output("userPoolId");
        String username = stack.cognito().adminGetUser(r -> r.userPoolId(pool).username(emailOrSub)).username();
        return stack.cognito().adminListGroupsForUser(r -> r.userPoolId(pool).username(username))
                .groups().stream().map(GroupType::groupName).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payloadUser(ApiClient.Response response, String field) {
        return (Map<String, Object>) response.data(field).get("user");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstErrorExtensions(ApiClient.Response response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().get("errors");
        return (Map<String, Object>) errors.get(0).get("extensions");
    }

    @SuppressWarnings("unchecked")
    static String firstErrorMessage(ApiClient.Response response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().get("errors");
        return (String) errors.get(0).get("message");
    }
}
