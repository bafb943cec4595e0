package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.cognito.CognitoUser;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.TenantRegistry;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.triggers.FounderTenantId;
import com.tenantgraph.triggers.Onboarding;
import com.tenantgraph.triggers.UserDirectories;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import com.tenantgraph.triggers.PostConfirmationHandler;
import com.tenantgraph.triggers.PreSignUpHandler;
import com.tenantgraph.triggers.SignUpRefusedException;
import com.tenantgraph.triggers.TriggerFailedException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Cognito retries a trigger that failed or timed out, so each handler is invoked twice with the same event here,
 * against moto and cognito-local, and must create nothing twice and change nothing the second time.
 */
@ExtendWith(SharedLocalStack.class)
class TriggersTwiceIT {

    @Test
    void postConfirmation_twiceWithTheSameEvent_provisionsOneTenantOnce(LocalStack stack) {
        // GIVEN a confirmed sign-up's event (the Cognito user exists, without a tenant)
        Fixture fx = new Fixture(stack);
        String email = TenantFixture.uniqueEmail("twice");
        String sub = fx.createCognitoUser(email, Map.of("custom:workspaceName", "Twice Ltd"));
        CognitoUserPoolPostConfirmationEvent event = CognitoUserPoolPostConfirmationEvent.builder()
                .withTriggerSource("PostConfirmation_ConfirmSignUp").withUserPoolId(fx.poolId).withUserName(email)
                .withRequest(CognitoUserPoolPostConfirmationEvent.Request.builder().withUserAttributes(Map.of(
                        "sub", sub, "email", email, "name", "Twice", "custom:workspaceName", "Twice Ltd")).build())
                .build();
        PostConfirmationHandler handler = new PostConfirmationHandler(fx.onboarding);
        TenantId tenant = FounderTenantId.of(UserId.of(sub));

        // WHEN it is handled twice
        handler.handleRequest(event, null);
        TenantItem afterFirst = fx.tenants.find(tenant).orElseThrow();
        UserItem founderAfterFirst = fx.users.find(tenant, UserId.of(sub)).orElseThrow();
        handler.handleRequest(event, null);

        // THEN one tenant, one ADMIN record, one registry entry, one group, all unchanged by the second run
        assertThat(fx.tenants.find(tenant)).contains(afterFirst);
        assertThat(afterFirst.version()).isEqualTo(1);
        assertThat(afterFirst.adminCount()).isEqualTo(1);
        assertThat(afterFirst.name()).isEqualTo("Twice Ltd");
        assertThat(fx.users.find(tenant, UserId.of(sub))).contains(founderAfterFirst);
        assertThat(founderAfterFirst.role()).isEqualTo(Role.ADMIN);
        assertThat(founderAfterFirst.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(founderAfterFirst.version()).isEqualTo(1);
        assertThat(fx.registry.tenants()).filteredOn(e -> e.tenantId().equals(tenant)).hasSize(1);
        assertThat(fx.partitionItems(Keys.usersCollection(tenant))).isEqualTo(1);
        assertThat(fx.groups(sub)).containsExactly("ADMIN");
        assertThat(new AdminApi(stack).cognitoAttributes(email)).containsEntry("custom:tenantId", tenant.value());
    }

    @Test
    void anInviteesBinding_cutShortByCognito_isFinishedByTheNextRun_andNothingIsDoneTwice(LocalStack stack) {
        // GIVEN an invitee who signed up with the accept code of an ADMIN invitation (not confirmed yet)
        Fixture fx = new Fixture(stack);
        TenantFixture tenantFx = TenantFixture.signUp(stack, "Binds Twice");
        TenantId tenant = TenantId.of(tenantFx.tenantId);
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("invited");
        String code = Invitations.acceptCode(admin.invite(tenantFx.token(tenantFx.admin), email, "ADMIN"));
        String sub = Invitations.signUp(stack, email, code);
        Map<String, String> attributes = Map.of("sub", sub, "email", email, "custom:invitation", code);
        CognitoUserPoolPostConfirmationEvent confirmed = CognitoUserPoolPostConfirmationEvent.builder()
                .withTriggerSource("PostConfirmation_ConfirmSignUp").withUserPoolId(fx.poolId).withUserName(email)
                .withRequest(CognitoUserPoolPostConfirmationEvent.Request.builder().withUserAttributes(attributes)
                        .build()).build();

        // WHEN PostConfirmation runs while Cognito refuses the group change
        Onboarding cutShort = new Onboarding(new TenantProvisioning(fx.table), fx.users, new UserWrites(fx.table),
                UserDirectories.only(new GroupChangeRefused(fx.directory)), Clock.systemUTC());
        assertThatThrownBy(() -> new PostConfirmationHandler(cutShort).handleRequest(confirmed, null))
                .isInstanceOf(TriggerFailedException.class).hasCauseInstanceOf(CognitoException.class);

        // THEN the binding is unfinished and says so: the invitation attribute is still on the account
        UserItem member = fx.users.find(tenant, UserId.of(sub)).orElseThrow();
        assertThat(member.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.invitationExists(tenant.value(), email)).isFalse();
        assertThat(admin.cognitoAttributes(email)).containsEntry("custom:invitation", code);
        assertThat(fx.groups(sub)).isEmpty();

        // WHEN the next sign-in's PostAuthentication runs, twice, and PostConfirmation is retried as well
        CognitoUserPoolPostAuthenticationEvent signIn = CognitoUserPoolPostAuthenticationEvent.builder()
                .withTriggerSource("PostAuthentication_Authentication").withUserPoolId(fx.poolId).withUserName(email)
                .withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder().withUserAttributes(
                        admin.cognitoAttributes(email)).build()).build();
        new PostAuthenticationHandler(fx.onboarding).handleRequest(signIn, null);
        new PostAuthenticationHandler(fx.onboarding).handleRequest(signIn, null);
        new PostConfirmationHandler(fx.onboarding).handleRequest(confirmed, null);

        // THEN the account is bound once: tenant, group, no invitation attribute; the record and the count unchanged
        assertThat(admin.cognitoAttributes(email)).containsEntry("custom:tenantId", tenant.value())
                .doesNotContainKey("custom:invitation");
        assertThat(fx.groups(sub)).containsExactly("ADMIN");
        assertThat(fx.users.find(tenant, UserId.of(sub))).contains(member);
        assertThat(member.version()).isEqualTo(1);
        assertThat(fx.tenants.find(tenant).orElseThrow().adminCount()).isEqualTo(2);
    }

    /** The real directory, except that every group change fails as an unreachable Cognito would. */
    private record GroupChangeRefused(UserDirectory directory) implements UserDirectory {
        @Override
        public String userPoolId() {
            return directory.userPoolId();
        }

        @Override
        public CognitoUser createUser(String email, String name, TenantId tenant) {
            return directory.createUser(email, name, tenant);
        }

        @Override
        public void setTenant(UserId user, TenantId tenant) {
            directory.setTenant(user, tenant);
        }

        @Override
        public void clearInvitation(UserId user) {
            directory.clearInvitation(user);
        }

        @Override
        public void addToGroup(UserId user, Role role) {
            throw new CognitoException("injected: AdminAddUserToGroup unreachable", null);
        }

        @Override
        public void removeFromGroup(UserId user, Role role) {
            directory.removeFromGroup(user, role);
        }

        @Override
        public void disable(UserId user) {
            directory.disable(user);
        }

        @Override
        public void enable(UserId user) {
            directory.enable(user);
        }

        @Override
        public void delete(UserId user) {
            directory.delete(user);
        }
    }

    @Test
    void postAuthentication_ofAnActiveMember_changesNothing(LocalStack stack) {
        // GIVEN a member who is already ACTIVE (like every demo user, who never went through the triggers)
        Fixture fx = new Fixture(stack);
        TenantFixture tenantFx = TenantFixture.signUp(stack, "Already Active");
        TenantFixture.Account member = tenantFx.addMember(Role.MEMBER);
        TenantId tenant = TenantId.of(tenantFx.tenantId);
        UserItem before = fx.users.find(tenant, UserId.of(member.sub())).orElseThrow();
        CognitoUserPoolPostAuthenticationEvent event = CognitoUserPoolPostAuthenticationEvent.builder()
                .withTriggerSource("PostAuthentication_Authentication").withUserPoolId(fx.poolId)
                .withUserName(member.email())
                .withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder().withUserAttributes(Map.of(
                        "sub", member.sub(), "email", member.email(), "custom:tenantId", tenant.value())).build())
                .build();

        // WHEN it is handled twice
        new PostAuthenticationHandler(fx.onboarding).handleRequest(event, null);
        new PostAuthenticationHandler(fx.onboarding).handleRequest(event, null);

        // THEN the record is exactly as it was
        assertThat(fx.users.find(tenant, UserId.of(member.sub()))).contains(before);
    }

    @Test
    void preSignUp_twiceWithTheSameEvent_givesTheSameAnswer(LocalStack stack) {
        Map<String, String> good = Map.of("email", "a@example.test", "custom:workspaceName", "Good");
        Map<String, String> bad = new HashMap<>(good);
        bad.put("custom:tenantId", "acme");
        PreSignUpHandler handler = new PreSignUpHandler(new Fixture(stack).onboarding);

        for (int i = 0; i < 2; i++) {
            assertThat(handler.handleRequest(preSignUp(good), null).getRequest().getUserAttributes()).isEqualTo(good);
            assertThatThrownBy(() -> handler.handleRequest(preSignUp(bad), null))
                    .isInstanceOf(SignUpRefusedException.class);
        }
    }

    private static CognitoUserPoolPreSignUpEvent preSignUp(Map<String, String> attributes) {
        return CognitoUserPoolPreSignUpEvent.builder().withTriggerSource("PreSignUp_SignUp")
                .withRequest(CognitoUserPoolPreSignUpEvent.Request.builder().withUserAttributes(attributes).build())
                .build();
    }

    /** The handlers' dependencies, built on the shared stack's clients. */
    private static final class Fixture {
        final LocalStack stack;
        final String poolId;
        final Table table;
        final CognitoUserDirectory directory;
        final UserRepository users;
        final TenantRepository tenants;
        final TenantRegistry registry;
        final Onboarding onboarding;

        Fixture(LocalStack stack) {
            this.stack = stack;
            this.poolId = stack.output("userPoolId");
            this.table = new Table(stack.dynamoDb(), stack.output("tableName"));
            this.directory = new CognitoUserDirectory(stack.cognito(), poolId);
            this.users = new UserRepository(table);
            this.tenants = new TenantRepository(table);
            this.registry = new TenantRegistry(table);
            this.onboarding = new Onboarding(new TenantProvisioning(table), users, new UserWrites(table),
                    UserDirectories.only(directory),
                    Clock.systemUTC());
        }

        String createCognitoUser(String email, Map<String, String> extra) {
            var attributes = new java.util.ArrayList<>(java.util.List.of(TenantFixture.attribute("email", email)));
            extra.forEach((name, value) -> attributes.add(TenantFixture.attribute(name, value)));
            return stack.cognito().adminCreateUser(request -> request.userPoolId(poolId).username(email)
                    .messageAction(MessageActionType.SUPPRESS).userAttributes(attributes)).user().attributes()
                    .stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        }

        java.util.List<String> groups(String username) {
            return stack.cognito().adminListGroupsForUser(request -> request.userPoolId(poolId).username(username))
                    .groups().stream().map(GroupType::groupName).toList();
        }

        int partitionItems(String gsi1Partition) {
            return stack.dynamoDb().query(QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                    .keyConditionExpression("GSI1PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsi1Partition))).build()).count();
        }
    }
}
