package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.tenantgraph.admin.TenantAdministration;
import com.tenantgraph.admin.UserAdministration;
import com.tenantgraph.data.BatchGetter;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.pipeline.Execution;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.GraphQLFieldDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every administration mutation of the schema is registered through the Guard: a MEMBER or a VIEWER
 * is FORBIDDEN before the services are touched, and an ADMIN's malformed input is BAD_USER_INPUT naming the field.
 */
class AdminMutationsGuardTest {
    private static final String USER_ID = GlobalId.encode("User", "someone");
    private static final Map<String, String> MUTATIONS = Map.of(
            "inviteUser", "mutation { inviteUser(input: {email: \"a@b.test\", name: \"A\", role: ADMIN}) { acceptCode } }",
            "revokeInvitation", "mutation { revokeInvitation(input: {email: \"a@b.test\"}) { revokedEmail } }",
            "changeUserRole", "mutation { changeUserRole(input: {userId: \"" + USER_ID
                    + "\", role: ADMIN, expectedVersion: 1}) { user { id } } }",
            "disableUser", "mutation { disableUser(input: {userId: \"" + USER_ID + "\", expectedVersion: 1}) { user { id } } }",
            "enableUser", "mutation { enableUser(input: {userId: \"" + USER_ID + "\", expectedVersion: 1}) { user { id } } }",
            "removeUser", "mutation { removeUser(input: {userId: \"" + USER_ID
                    + "\", expectedVersion: 1}) { removedUserId } }",
            "updateTenant", "mutation { updateTenant(input: {name: \"Mine\", expectedVersion: 1}) { tenant { id } } }");

    private final UserAdministration users = mock(UserAdministration.class);
    private final TenantAdministration tenants = mock(TenantAdministration.class);
    /** The workspace's services are never reached by these mutations: none are given. */
    private final GraphQL graphQl = Execution.graphQl(Schema.executable(new Services(null, null, null, null, users,
            tenants, null, null, Runnable::run)), QueryLimits.defaults(), QueryCost::of);

    @Test
    void everyAdministrationMutationOfTheSchema_isCoveredHere() {
        List<String> fields = graphQl.getGraphQLSchema().getMutationType().getFieldDefinitions().stream()
                .map(GraphQLFieldDefinition::getName).toList();

        // the workspace mutations (projects, tasks, comments) are another module's: only these seven are ours
        assertThat(fields).containsAll(MUTATIONS.keySet());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "VIEWER"})
    void everyAdminMutation_isForbidden_forMembersAndViewers(Role role) {
        for (Map.Entry<String, String> mutation : MUTATIONS.entrySet()) {
            // WHEN a non-admin sends it
            List<GraphQLError> errors = execute(role, mutation.getValue());

            // THEN FORBIDDEN, and the services were never called
            assertThat(errors).as(mutation.getKey()).singleElement()
                    .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN"));
        }
        verifyNoInteractions(users, tenants);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "VIEWER"})
    void pendingInvitations_areForbidden_forMembersAndViewers(Role role) {
        // WHEN a non-admin lists the workspace's pending invitations
        List<GraphQLError> errors = execute(role, "{ tenant { name invitations(first: 5) { edges { node { email } } } } }");

        // THEN FORBIDDEN on that field, and nothing was read for it
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN");
            assertThat(e.getPath()).containsExactly("tenant", "invitations");
        });
        verifyNoInteractions(users, tenants);
    }

    @Test
    void malformedUserIdOrVersion_isBadUserInput_namingTheField_forAnAdmin() {
        List<GraphQLError> badId = execute(Role.ADMIN,
                "mutation { disableUser(input: {userId: \"nope\", expectedVersion: 1}) { user { id } } }");
        List<GraphQLError> tenantId = execute(Role.ADMIN, "mutation { disableUser(input: {userId: \""
                + GlobalId.encode("Tenant", "acme") + "\", expectedVersion: 1}) { user { id } } }");
        List<GraphQLError> badVersion = execute(Role.ADMIN, "mutation { enableUser(input: {userId: \"" + USER_ID
                + "\", expectedVersion: 0}) { user { id } } }");

        assertThat(badId.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "userId");
        assertThat(tenantId.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "userId");
        assertThat(badVersion.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "expectedVersion");
        verifyNoInteractions(users, tenants);
    }

    private List<GraphQLError> execute(Role role, String mutation) {
        TenantId tenant = TenantId.of("acme");
        UserItem member = UserItem.builder().tenantId(tenant).userId(UserId.of("caller")).email("c@acme.test")
                .name("Caller").role(role).status(UserStatus.ACTIVE).createdAt(Instant.EPOCH).build();
        Caller caller = new Caller(tenant, member.userId(), "c@acme.test", "c@acme.test", Instant.MAX, role.name());
        TenantItem workspace = TenantItem.builder().tenantId(tenant).name("Acme").adminCount(1)
                .createdAt(Instant.EPOCH).build();
        // the membership check reads the caller's record and the tenant's status through the request's item loader
        Map<TableKey, Map<String, AttributeValue>> table = Map.of(member.key(), UserItem.MODEL.toItem(member),
                workspace.key(), TenantItem.MODEL.toItem(workspace));
        RequestContext context = RequestContext.create("request", caller,
                keys -> keys.stream().map(table::get).toList());
        ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput().query(mutation)
                .graphQLContext(Map.of(RequestContext.class, context)).dataLoaderRegistry(context.loaders()).build());
        return ErrorMapper.withCodes(result.getErrors());
    }
}
