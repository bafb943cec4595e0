package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Admin actions reach the right Cognito account, and no account joins a tenant without the invitation's secret (issue
 * 16, items 3, 4 and 5): the
 * local pool has the template's email-as-username, so a Cognito username is the immutable sub and the email an alias
 * that the person can change.
 */
@ExtendWith(SharedLocalStack.class)
class AccountOwnershipIT {
    private static final String ME = "{ me { id status } }";

    @Test
    void anAccountCarryingTheTenantsId_gainsNoMembership_fromAnInvitationOfItsEmail(LocalStack stack) {
        // GIVEN an attacker who signed up with the invitee's email and wrote the victim tenant's id into their own
        // account (what a misconfigured app client allows), confirmed, with a password of their own
        TenantFixture victim = TenantFixture.signUp(stack, "Takeover Target Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("invitee");
        String pool = stack.output("userPoolId");
        String attackerSub = stack.cognito().signUp(r -> r.clientId(stack.output("userPoolClientId")).username(email)
                .password("Attacker-Passw0rd!").userAttributes(TenantFixture.attribute("email", email),
                        TenantFixture.attribute("custom:workspaceName", "Attacker"))).userSub();
        stack.cognito().adminUpdateUserAttributes(r -> r.userPoolId(pool).username(email)
                .userAttributes(TenantFixture.attribute("custom:tenantId", victim.tenantId)));
        stack.cognito().adminConfirmSignUp(r -> r.userPoolId(pool).username(email));

        // WHEN the victim's ADMIN invites that email as an ADMIN, and the attacker writes a forged accept code of
        // the victim's tenant into their account and signs in (PostAuthentication looks at it)
        ApiClient.Response invited = admin.invite(victim.token(victim.admin), email, "ADMIN");
        String forged = victim.tenantId + ".AAAAAAAAAAAAAAAAAAAAAA";
        stack.cognito().adminUpdateUserAttributes(r -> r.userPoolId(pool).username(email)
                .userAttributes(TenantFixture.attribute("custom:invitation", forged)));

        // THEN the invitation is an ordinary one (the answer says nothing about the account); PostAuthentication
        // refuses the forged code (Cognito fails that sign-in; cognito-local ignores the trigger's failure), no
        // membership exists for the attacker's account, and the API refuses it: only the ADMIN's secret accepts
        assertThat(invited.body()).doesNotContainKey("errors");
        String attackerToken = victim.api.idToken(email, "Attacker-Passw0rd!");
        assertThat(victim.api.query(attackerToken, ME).firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(admin.findRecord(victim.tenantId, attackerSub)).isEmpty();
        assertThat(admin.groups(attackerSub)).doesNotContain("ADMIN");
        assertThat(admin.invitationExists(victim.tenantId, email)).isTrue();
    }

    @Test
    void disableAndRemove_reachTheAccount_afterThePersonChangedTheirEmail(LocalStack stack) {
        // GIVEN a member whose Cognito email is no longer the one in the membership record
        TenantFixture tenant = TenantFixture.signUp(stack, "Email Change Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        String adminToken = tenant.token(tenant.admin);
        String newEmail = TenantFixture.uniqueEmail("changed");
        stack.cognito().adminUpdateUserAttributes(r -> r.userPoolId(stack.output("userPoolId"))
                .username(member.sub()).userAttributes(TenantFixture.attribute("email", newEmail)));

        // WHEN the ADMIN disables them THEN their own account (by sub) is disabled
        ApiClient.Response disabled = admin.disable(adminToken, member.globalId(), 1);
        assertThat(AdminApi.payloadUser(disabled, "disableUser")).containsEntry("status", "DISABLED");
        assertThat(admin.cognitoEnabled(member.sub())).isFalse();

        // WHEN they are removed THEN that account is deleted, not merely reported missing
        ApiClient.Response removed = admin.remove(adminToken, member.globalId(), 2);
        assertThat(AdminApi.payloadUser(removed, "removeUser")).containsEntry("status", "REMOVED");
        assertThat(admin.cognitoUserExists(member.sub())).isFalse();
        assertThat(admin.cognitoUserExists(newEmail)).isFalse();
    }

    @Test
    void anAccountDeletedOutsideTheApi_isReportedAsAnInconsistency_andTheRecordIsPutBack(LocalStack stack) {
        // GIVEN a member whose Cognito account someone deleted in the console
        TenantFixture tenant = TenantFixture.signUp(stack, "Missing Account Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        stack.cognito().adminDeleteUser(r -> r.userPoolId(stack.output("userPoolId")).username(member.sub()));

        // WHEN the ADMIN disables them
        ApiClient.Response disabled = admin.disable(tenant.token(tenant.admin), member.globalId(), 1);

        // THEN it is not a success: reported, with the record put back as it was
        assertThat(disabled.firstErrorCode()).isEqualTo("INTERNAL");
        assertThat(AdminApi.firstErrorExtensions(disabled)).containsEntry("reason", "ACCOUNT_MISSING")
                .containsEntry("currentVersion", 3);
        assertThat(admin.record(tenant.tenantId, member.sub()).status()).isEqualTo(UserStatus.ACTIVE);
    }
}
