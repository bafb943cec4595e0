package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.data.UserItem;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.seed.DemoData;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/**
 * User and tenant administration end to end: an ADMIN of a tenant created by sign-up sends the mutations through the
 * local API Gateway; the membership records and the Cognito users are read back directly. Every test makes its own
 * tenant; the demo tenants are only ever read.
 */
@ExtendWith(SharedLocalStack.class)
class UserAdministrationIT {
    private static final String ME = "{ me { id role status version } }";

    @Test
    void invitedPerson_signsUpWithTheCode_confirmsTheEmail_andIsAnActiveMemberOfThatTenant(LocalStack stack) {
        // GIVEN the ADMIN of a new tenant
        TenantFixture acme = TenantFixture.signUp(stack, "Invite Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("newcomer");

        // WHEN they invite a MEMBER
        ApiClient.Response invited = admin.invite(acme.token(acme.admin), email, "MEMBER");

        // THEN a pending invitation exists in that tenant, and nothing else: no account, no membership
        assertThat(invited.body()).doesNotContainKey("errors");
        assertThat(invited.data("inviteUser").get("invitation").toString()).contains(email).contains("MEMBER");
        assertThat(admin.invitationExists(acme.tenantId, email)).isTrue();
        assertThat(admin.cognitoUserExists(email)).isFalse();
        assertThat(admin.emailMarkerExists(acme.tenantId, email)).isFalse();

        // WHEN the person signs up with the accept code and confirms with the code Cognito emailed (the real
        // ConfirmSignUp: PostConfirmation binds the account)
        String sub = Invitations.signUp(stack, email, Invitations.acceptCode(invited));
        Invitations.confirm(stack, email);
        String token = acme.api.idToken(email, Invitations.PASSWORD);

        // THEN they are an ACTIVE MEMBER served in the tenant that invited them, and the invitation is used up
        assertThat(TenantFixture.claims(token)).containsEntry("custom:tenantId", acme.tenantId)
                .doesNotContainKey("custom:invitation");
        assertThat(acme.api.query(token, ME).data("me")).containsEntry("status", "ACTIVE")
                .containsEntry("role", "MEMBER").containsEntry("id", new TenantFixture.Account(email, "", sub)
                        .globalId());
        assertThat(admin.groups(email)).containsExactly("MEMBER");
        assertThat(admin.cognitoAttributes(email)).doesNotContainKey("custom:invitation");
        assertThat(admin.emailMarkerExists(acme.tenantId, email)).isTrue();
        assertThat(admin.invitationExists(acme.tenantId, email)).isFalse();
    }

    @Test
    void inviteUser_retried_reissuesTheOneInvitation_andOnlyTheLatestCodeWorks(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Retry Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("retry");
        Map<String, Object> input = Map.of("clientMutationId", "invite-1", "email", email, "name", "Retry",
                "role", "VIEWER");
        String token = tenant.token(tenant.admin);

        ApiClient.Response first = admin.send(token, Invitations.INVITE, input);
        ApiClient.Response second = admin.send(token, Invitations.INVITE, input);

        assertThat(second.body()).doesNotContainKey("errors");
        assertThat(second.data("inviteUser")).containsEntry("clientMutationId", "invite-1");
        assertThat(Invitations.acceptCode(second)).isNotEqualTo(Invitations.acceptCode(first));
        assertThat(admin.invitations(token, 10, null).data("tenant").toString()).containsOnlyOnce(email);
        assertThatThrownBy(() -> Invitations.signUp(stack, email, Invitations.acceptCode(first)))
                .isInstanceOf(UserLambdaValidationException.class);
        Invitations.signUp(stack, email, Invitations.acceptCode(second));
    }

    @Test
    void inviteUser_refusesOnlyAMemberOfThisTenant_andSaysNothingAboutOthers(LocalStack stack) {
        // GIVEN an ADMIN with a member of their own, and an email that belongs to a demo user of another tenant
        TenantFixture tenant = TenantFixture.signUp(stack, "Taken Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);

        // WHEN both are invited
        ApiClient.Response ownMember = admin.invite(token, member.email(), "VIEWER");
        ApiClient.Response otherTenants = admin.invite(token, "gina@globex.test", "VIEWER");

        // THEN their own member is refused (CONFLICT, ALREADY_MEMBER); the other tenant's user is simply invited,
        // and Gina's account is untouched
        assertThat(ownMember.firstErrorCode()).isEqualTo("CONFLICT");
        assertThat(AdminApi.firstErrorExtensions(ownMember)).containsEntry("field", "email")
                .containsEntry("reason", "ALREADY_MEMBER");
        assertThat(otherTenants.body()).doesNotContainKey("errors");
        assertThat(admin.cognitoAttributes("gina@globex.test")).containsEntry("custom:tenantId", "globex");
    }

    @Test
    void changeUserRole_takesEffectOnTheVeryNextRequest_withTheSameToken(LocalStack stack) {
        // GIVEN a MEMBER who is signed in
        TenantFixture tenant = TenantFixture.signUp(stack, "Roles Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        String memberToken = tenant.token(member);
        assertThat(tenant.api.query(memberToken, ME).data("me")).containsEntry("role", "MEMBER");
        AdminApi admin = new AdminApi(stack);

        // WHEN the ADMIN makes them a VIEWER
        ApiClient.Response changed = admin.changeRole(tenant.token(tenant.admin), member.globalId(), "VIEWER", 1);

        // THEN the payload, the record, the Cognito group and the member's next request all say VIEWER
        assertThat(AdminApi.payloadUser(changed, "changeUserRole")).containsEntry("role", "VIEWER")
                .containsEntry("version", 2);
        assertThat(admin.record(tenant.tenantId, member.sub()).role()).isEqualTo(Role.VIEWER);
        assertThat(admin.groups(member.email())).containsExactly("VIEWER");
        assertThat(tenant.api.query(memberToken, ME).data("me")).containsEntry("role", "VIEWER");
        assertThat(admin.changeRole(memberToken, tenant.admin.globalId(), "VIEWER", 1).firstErrorCode())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void promotingAndDemotingAnAdmin_keepsTheAdminCount(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Count Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);

        admin.changeRole(token, member.globalId(), "ADMIN", 1);
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(2);
        admin.changeRole(token, member.globalId(), "MEMBER", 2);

        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
        assertThat(admin.record(tenant.tenantId, member.sub()).version()).isEqualTo(3);
    }

    @Test
    void disableUser_refusesTheNextRequest_andEnableUserRestoresIt(LocalStack stack) {
        // GIVEN a signed-in MEMBER
        TenantFixture tenant = TenantFixture.signUp(stack, "Disable Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        String memberToken = tenant.token(member);
        AdminApi admin = new AdminApi(stack);
        String adminToken = tenant.token(tenant.admin);

        // WHEN the ADMIN disables them
        ApiClient.Response disabled = admin.disable(adminToken, member.globalId(), 1);

        // THEN the same unexpired token is refused on the very next request, and Cognito disabled the user too
        assertThat(AdminApi.payloadUser(disabled, "disableUser")).containsEntry("status", "DISABLED");
        ApiClient.Response refused = tenant.api.query(memberToken, ME);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(admin.cognitoEnabled(member.email())).isFalse();

        // WHEN they are enabled again THEN the same token works again
        ApiClient.Response enabled = admin.enable(adminToken, member.globalId(), 2);
        assertThat(AdminApi.payloadUser(enabled, "enableUser")).containsEntry("status", "ACTIVE")
                .containsEntry("version", 3);
        assertThat(tenant.api.query(memberToken, ME).data("me")).containsEntry("status", "ACTIVE");
        assertThat(admin.cognitoEnabled(member.email())).isTrue();
    }

    @Test
    void removeUser_leavesATombstone_refusesTheNextRequest_andFreesTheEmail(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Remove Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        String memberToken = tenant.token(member);
        AdminApi admin = new AdminApi(stack);
        String adminToken = tenant.token(tenant.admin);

        // WHEN the ADMIN removes the member
        ApiClient.Response removed = admin.remove(adminToken, member.globalId(), 1);

        // THEN a REMOVED tombstone stays, the token is refused, the Cognito user and the email marker are gone
        assertThat(removed.data("removeUser")).containsEntry("removedUserId", member.globalId());
        assertThat(AdminApi.payloadUser(removed, "removeUser")).containsEntry("status", "REMOVED");
        assertThat(admin.record(tenant.tenantId, member.sub()).status()).isEqualTo(UserStatus.REMOVED);
        assertThat(tenant.api.query(memberToken, ME).firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(admin.cognitoUserExists(member.email())).isFalse();
        assertThat(admin.emailMarkerExists(tenant.tenantId, member.email())).isFalse();

        // AND the email can be invited again
        ApiClient.Response again = admin.invite(adminToken, member.email(), "VIEWER");
        assertThat(again.body()).doesNotContainKey("errors");
        assertThat(admin.invitationExists(tenant.tenantId, member.email())).isTrue();
    }

    @Test
    void updateTenant_renames_andRefusesAStaleVersionWithTheCurrentOne(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Old Name");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);

        ApiClient.Response renamed = admin.rename(token, "New Name", 1);
        ApiClient.Response stale = admin.rename(token, "Newer Name", 1);

        assertThat(renamed.data("updateTenant").get("tenant").toString()).contains("New Name");
        assertThat(stale.firstErrorCode()).isEqualTo("CONFLICT");
        assertThat(AdminApi.firstErrorExtensions(stale)).containsEntry("currentVersion", 2);
        assertThat(tenant.api.query(token, "{ tenant { name version } }").data("tenant"))
                .containsEntry("name", "New Name").containsEntry("version", 2);
    }

    @Test
    void staleExpectedVersion_isConflict_withTheCurrentVersion_andChangesNothing(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Stale Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);
        admin.changeRole(token, member.globalId(), "VIEWER", 1);

        ApiClient.Response stale = admin.disable(token, member.globalId(), 1);

        assertThat(stale.firstErrorCode()).isEqualTo("CONFLICT");
        assertThat(AdminApi.firstErrorExtensions(stale)).containsEntry("currentVersion", 2);
        assertThat(admin.record(tenant.tenantId, member.sub()).status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void theLastAdmin_cannotBeDemoted_andNoAdminCanDisableOrRemoveThemselves(LocalStack stack) {
        // GIVEN a tenant whose founder is its only ADMIN, and one with two
        TenantFixture tenant = TenantFixture.signUp(stack, "Last Admin Co");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);
        String self = tenant.admin.globalId();

        // WHEN the only ADMIN demotes, disables or removes themselves
        ApiClient.Response demote = admin.changeRole(token, self, "MEMBER", 1);
        ApiClient.Response disable = admin.disable(token, self, 1);
        ApiClient.Response remove = admin.remove(token, self, 1);

        // THEN each is FORBIDDEN with its reason, and they are still the ACTIVE ADMIN
        assertThat(demote.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(AdminApi.firstErrorExtensions(demote)).containsEntry("reason", "LAST_ADMIN");
        assertThat(AdminApi.firstErrorExtensions(disable)).containsEntry("code", "FORBIDDEN")
                .containsEntry("reason", "SELF");
        assertThat(AdminApi.firstErrorExtensions(remove)).containsEntry("code", "FORBIDDEN")
                .containsEntry("reason", "SELF");
        UserItem record = admin.record(tenant.tenantId, tenant.admin.sub());
        assertThat(record.role()).isEqualTo(Role.ADMIN);
        assertThat(record.version()).isEqualTo(1);
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);

        // AND WHEN a second ADMIN exists THEN stepping down is allowed
        TenantFixture.Account second = tenant.addMember(Role.ADMIN);
        assertThat(AdminApi.payloadUser(admin.changeRole(token, self, "MEMBER", 1), "changeUserRole"))
                .containsEntry("role", "MEMBER");
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
        assertThat(admin.record(tenant.tenantId, second.sub()).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void anAdminOfTenantA_findsNoUserOfTenantB_andChangesNothingThere(LocalStack stack) {
        // GIVEN two tenants, each with a member
        TenantFixture a = TenantFixture.signUp(stack, "Tenant A");
        TenantFixture b = TenantFixture.signUp(stack, "Tenant B");
        TenantFixture.Account bMember = b.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        String aToken = a.token(a.admin);

        // WHEN A's ADMIN aims every mutation at B's member and at B's ADMIN
        for (String target : new String[] {bMember.globalId(), b.admin.globalId()}) {
            assertThat(admin.changeRole(aToken, target, "VIEWER", 1).firstErrorCode()).isEqualTo("NOT_FOUND");
            assertThat(admin.disable(aToken, target, 1).firstErrorCode()).isEqualTo("NOT_FOUND");
            assertThat(admin.enable(aToken, target, 1).firstErrorCode()).isEqualTo("NOT_FOUND");
            assertThat(admin.remove(aToken, target, 1).firstErrorCode()).isEqualTo("NOT_FOUND");
        }
        // and invites someone: the invitation can only land in A
        String email = TenantFixture.uniqueEmail("into-a");
        admin.invite(aToken, email, "ADMIN");

        // THEN B is untouched, and the invitation is A's only (no account exists before acceptance)
        assertThat(admin.record(b.tenantId, bMember.sub()).version()).isEqualTo(1);
        assertThat(admin.record(b.tenantId, b.admin.sub()).version()).isEqualTo(1);
        assertThat(admin.cognitoEnabled(bMember.email())).isTrue();
        assertThat(admin.groups(bMember.email())).containsExactly("MEMBER");
        assertThat(admin.invitationExists(a.tenantId, email)).isTrue();
        assertThat(admin.invitationExists(b.tenantId, email)).isFalse();
        assertThat(admin.cognitoUserExists(email)).isFalse();
        assertThat(b.api.query(b.token(bMember), ME).data("me")).containsEntry("role", "MEMBER");
    }

    static Stream<Arguments> rolesAndMutations() {
        return Stream.of(Role.MEMBER, Role.VIEWER).flatMap(role -> Stream.of("inviteUser", "revokeInvitation", "changeUserRole",
                "disableUser", "enableUser", "removeUser", "updateTenant").map(m -> Arguments.of(role, m)));
    }

    @ParameterizedTest
    @MethodSource("rolesAndMutations")
    void membersAndViewers_areForbidden_everyAdminMutation(Role role, String mutation, LocalStack stack) {
        // GIVEN a MEMBER or VIEWER, and a colleague to aim at
        TenantFixture tenant = TenantFixture.signUp(stack, "Guarded Co");
        TenantFixture.Account caller = tenant.addMember(role);
        TenantFixture.Account colleague = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(caller);
        String email = TenantFixture.uniqueEmail("never");

        // WHEN they send the mutation
        ApiClient.Response response = switch (mutation) {
            case "inviteUser" -> admin.invite(token, email, "ADMIN");
            case "revokeInvitation" -> admin.revokeInvitation(token, email);
            case "changeUserRole" -> admin.changeRole(token, colleague.globalId(), "ADMIN", 1);
            case "disableUser" -> admin.disable(token, colleague.globalId(), 1);
            case "enableUser" -> admin.enable(token, colleague.globalId(), 1);
            case "removeUser" -> admin.remove(token, colleague.globalId(), 1);
            default -> admin.rename(token, "Mine now", 1);
        };

        // THEN it is FORBIDDEN and nothing changed
        assertThat(response.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(admin.record(tenant.tenantId, colleague.sub()).version()).isEqualTo(1);
        assertThat(admin.tenant(tenant.tenantId).version()).isEqualTo(1);
        assertThat(admin.cognitoUserExists(email)).isFalse();
        assertThat(admin.invitationExists(tenant.tenantId, email)).isFalse();
    }

    @Test
    void malformedInput_isBadUserInput_namingTheField(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Input Co");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);

        assertThat(AdminApi.firstErrorExtensions(admin.disable(token, "not-an-id", 1)))
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "userId");
        assertThat(AdminApi.firstErrorExtensions(admin.invite(token, "not an email", "MEMBER")))
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "email");
        assertThat(AdminApi.firstErrorExtensions(admin.rename(token, "x".repeat(65), 1)))
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "name");
        assertThat(AdminApi.firstErrorExtensions(admin.disable(token, tenant.admin.globalId(), 0)))
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "expectedVersion");
    }

    @Test
    void demoAdmin_stillSeesTheDemoTenantUnchanged(LocalStack stack) {
        ApiClient api = new ApiClient(stack);
        String token = api.idToken("ada@acme.test", DemoData.PASSWORD);
        assertThat(api.query(token, "{ me { role status } tenant { name } }").data("me"))
                .containsEntry("role", "ADMIN").containsEntry("status", "ACTIVE");
    }
}
