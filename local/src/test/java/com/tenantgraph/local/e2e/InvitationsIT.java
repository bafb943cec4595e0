package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Invitations end to end (docs/security.md, "Invitations"): an invitation holds no Cognito account, answers alike
 * whatever the pool holds, blocks no one, and is accepted only with its secret by the person who confirms the email.
 * Through the local API Gateway, cognito-local (its own SignUp, ConfirmSignUp and triggers) and moto.
 */
@ExtendWith(SharedLocalStack.class)
class InvitationsIT {
    private static final String ME = "{ me { id role status } tenant { id } }";

    @Test
    void inviteUser_answersAlike_forAnEmailWithAnAccountInAnotherTenant_andOneWithout(LocalStack stack) {
        // GIVEN an ADMIN of a new tenant; gina@globex.test has an account (in the demo tenant globex), the other not
        TenantFixture tenant = TenantFixture.signUp(stack, "Probe Co");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);
        String fresh = TenantFixture.uniqueEmail("nobody");
        Map<String, String> ginaBefore = admin.cognitoAttributes("gina@globex.test");

        // WHEN both are invited
        ApiClient.Response taken = admin.invite(token, "gina@globex.test", "MEMBER");
        ApiClient.Response free = admin.invite(token, fresh, "MEMBER");

        // THEN the answers are identical but for the email, the secret and the times: status, headers' shape, body
        assertThat(taken.status()).isEqualTo(free.status()).isEqualTo(200);
        assertThat(shape(taken, "gina@globex.test")).isEqualTo(shape(free, fresh));
        assertThat(taken.body()).doesNotContainKey("errors");
        // AND no Cognito account was made or changed by either
        assertThat(admin.cognitoUserExists(fresh)).isFalse();
        assertThat(admin.cognitoAttributes("gina@globex.test")).isEqualTo(ginaBefore);
    }

    @Test
    void anInvitation_blocksNoOne_anotherTenantInvitesTheSameEmail_andThePersonSignsUpOnTheirOwn(LocalStack stack) {
        TenantFixture first = TenantFixture.signUp(stack, "First Co");
        TenantFixture second = TenantFixture.signUp(stack, "Second Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("wanted");

        // WHEN two tenants invite the same email
        ApiClient.Response one = admin.invite(first.token(first.admin), email, "ADMIN");
        ApiClient.Response two = admin.invite(second.token(second.admin), email, "VIEWER");

        // THEN both hold a pending invitation, each in its own tenant
        assertThat(one.body()).doesNotContainKey("errors");
        assertThat(two.body()).doesNotContainKey("errors");
        assertThat(admin.invitationExists(first.tenantId, email)).isTrue();
        assertThat(admin.invitationExists(second.tenantId, email)).isTrue();

        // AND the person can still sign up on their own, founding their own workspace
        stack.cognito().signUp(request -> request.clientId(stack.output("userPoolClientId")).username(email)
                .password(TenantFixture.PASSWORD).userAttributes(TenantFixture.attribute("email", email),
                        TenantFixture.attribute("custom:workspaceName", "Own Co")));
        Invitations.confirm(stack, email);
        String token = first.api.idToken(email, TenantFixture.PASSWORD);
        String ownTenant = (String) TenantFixture.claims(token).get("custom:tenantId");
        assertThat(ownTenant).isNotNull().isNotIn(first.tenantId, second.tenantId);
        assertThat(first.api.query(token, ME).data("me")).containsEntry("role", "ADMIN");
    }

    @Test
    void accepting_needsTheSecret_theInvitedEmail_aPendingInvitation_andTheConfirmedEmail(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Accept Co");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);
        String email = TenantFixture.uniqueEmail("invitee");
        String code = Invitations.acceptCode(admin.invite(token, email, "MEMBER"));
        String secretPart = code.substring(code.lastIndexOf('.') + 1);

        // a wrong secret; the right code for another email: refused at sign-up, no account made
        String wrong = tenant.tenantId + "." + (secretPart.charAt(0) == 'A' ? "B" : "A") + secretPart.substring(1);
        assertRefused(stack, email, wrong);
        String other = TenantFixture.uniqueEmail("other");
        assertRefused(stack, other, code);

        // expired: refused
        String expiring = TenantFixture.uniqueEmail("expiring");
        String expiringCode = Invitations.acceptCode(admin.invite(token, expiring, "MEMBER"));
        expire(stack, tenant.tenantId, expiring);
        assertRefused(stack, expiring, expiringCode);

        // revoked: refused, and revoking again is NOT_FOUND
        String revoked = TenantFixture.uniqueEmail("revoked");
        String revokedCode = Invitations.acceptCode(admin.invite(token, revoked, "ADMIN"));
        assertThat(admin.revokeInvitation(token, revoked).data("revokeInvitation"))
                .containsEntry("revokedEmail", revoked);
        assertRefused(stack, revoked, revokedCode);
        assertThat(admin.revokeInvitation(token, revoked).firstErrorCode()).isEqualTo("NOT_FOUND");

        // the right secret, signed up but never confirmed: no membership, cannot sign in, the invitation waits
        String sub = Invitations.signUp(stack, email, code);
        assertThat(admin.findRecord(tenant.tenantId, sub)).isEmpty();
        assertThat(admin.invitationExists(tenant.tenantId, email)).isTrue();
        assertThatThrownBy(() -> tenant.api.idToken(email, Invitations.PASSWORD))
                .isInstanceOf(UserNotConfirmedException.class);

        // a wrong confirmation code proves nothing
        assertThatThrownBy(() -> stack.cognito().confirmSignUp(request -> request
                .clientId(stack.output("userPoolClientId")).username(email).confirmationCode("000000-wrong")))
                .isInstanceOf(CodeMismatchException.class);
        assertThat(admin.findRecord(tenant.tenantId, sub)).isEmpty();

        // the code Cognito sent: a member now, and the invitation is used up
        Invitations.confirm(stack, email);
        assertThat(admin.record(tenant.tenantId, sub).role()).isEqualTo(Role.MEMBER);
        assertThat(admin.invitationExists(tenant.tenantId, email)).isFalse();
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
    }

    @Test
    void anInvitationRevokedBetweenSignUpAndConfirmation_bindsNothing(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Late Revoke Co");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);
        String email = TenantFixture.uniqueEmail("late");
        String sub = Invitations.signUp(stack, email, Invitations.acceptCode(admin.invite(token, email, "ADMIN")));

        admin.revokeInvitation(token, email);

        // the email is confirmed, but PostConfirmation refuses, and so does PostAuthentication at the sign-in (Cognito
        // reports both failures to the caller; cognito-local logs them and carries on): the token has no tenant, and
        // the API refuses it
        Invitations.confirm(stack, email);
        String token2 = tenant.api.idToken(email, Invitations.PASSWORD);
        assertThat(TenantFixture.claims(token2)).doesNotContainKey("custom:tenantId");
        assertThat(tenant.api.query(token2, ME).status()).isIn(401, 403);
        assertThat(admin.findRecord(tenant.tenantId, sub)).isEmpty();
        assertThat(admin.cognitoAttributes(email)).doesNotContainKey("custom:tenantId");
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
    }

    @Test
    void afterAcceptance_thePersonHasTheInvitedRole_inThatTenantOnly_andCannotAcceptASecondTenant(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Viewer Co");
        TenantFixture elsewhere = TenantFixture.signUp(stack, "Elsewhere Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("viewer");

        TenantFixture.Account viewer = Invitations.inviteAndAccept(admin, stack, tenant.token(tenant.admin), email,
                "VIEWER");
        String token = tenant.token(viewer);

        assertThat(TenantFixture.claims(token)).containsEntry("custom:tenantId", tenant.tenantId);
        assertThat(tenant.api.query(token, ME).data("me")).containsEntry("role", "VIEWER")
                .containsEntry("status", "ACTIVE").containsEntry("id", viewer.globalId());
        assertThat(admin.groups(email)).containsExactly("VIEWER");
        assertThat(tenant.api.query(token, "mutation { createProject(input: {key: \"NOPE\", name: \"No\"}) {"
                + " project { id } } }").firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(admin.findRecord(elsewhere.tenantId, viewer.sub())).isEmpty();

        // a second tenant may invite them (it learns nothing), but an account belongs to one tenant: they cannot
        // sign up again, so the second invitation stays pending (a known limitation, docs/user-administration.md)
        ApiClient.Response second = admin.invite(elsewhere.token(elsewhere.admin), email, "ADMIN");
        assertThat(second.body()).doesNotContainKey("errors");
        assertThatThrownBy(() -> Invitations.signUp(stack, email, Invitations.acceptCode(second)))
                .isInstanceOf(UsernameExistsException.class);
        assertThat(TenantFixture.claims(tenant.token(viewer))).containsEntry("custom:tenantId", tenant.tenantId);
    }

    @Test
    void anotherTenantsAdmin_cannotList_revoke_orRedirectAnInvitation(LocalStack stack) {
        TenantFixture owner = TenantFixture.signUp(stack, "Owner Co");
        TenantFixture intruder = TenantFixture.signUp(stack, "Intruder Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("guarded");
        String code = Invitations.acceptCode(admin.invite(owner.token(owner.admin), email, "ADMIN"));
        String intruderToken = intruder.token(intruder.admin);

        // the intruder's list is their own (empty); revoking the owner's invitation is NOT_FOUND and changes nothing
        assertThat(admin.invitations(intruderToken, 20, null).data("tenant").toString()).doesNotContain(email);
        assertThat(admin.revokeInvitation(intruderToken, email).firstErrorCode()).isEqualTo("NOT_FOUND");
        assertThat(admin.invitationExists(owner.tenantId, email)).isTrue();

        // the secret with the intruder's tenant in front is no invitation of the intruder's
        String redirected = intruder.tenantId + code.substring(code.lastIndexOf('.'));
        assertRefused(stack, email, redirected);

        // the owner sees it, with its role and expiry
        assertThat(admin.invitations(owner.token(owner.admin), 20, null).data("tenant").toString())
                .contains(email).contains("ADMIN");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pendingInvitations_arePaged_andOnlyAdminsMayListThem(LocalStack stack) {
        TenantFixture tenant = TenantFixture.signUp(stack, "Paged Co");
        AdminApi admin = new AdminApi(stack);
        String token = tenant.token(tenant.admin);
        for (String prefix : List.of("a", "b", "c")) {
            admin.invite(token, prefix + "-" + TenantFixture.uniqueEmail("paged"), "MEMBER");
        }

        Map<String, Object> page1 = (Map<String, Object>) admin.invitations(token, 2, null).data("tenant")
                .get("invitations");
        Map<String, Object> info = (Map<String, Object>) page1.get("pageInfo");
        Map<String, Object> page2 = (Map<String, Object>) admin.invitations(token, 2, (String) info.get("endCursor"))
                .data("tenant").get("invitations");

        assertThat((List<Object>) page1.get("edges")).hasSize(2);
        assertThat(info).containsEntry("hasNextPage", true);
        assertThat((List<Object>) page2.get("edges")).hasSize(1);
        assertThat(page2.toString()).startsWith("{edges=[{cursor=").contains("c-paged");

        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        assertThat(admin.invitations(tenant.token(member), 2, null).firstErrorCode()).isEqualTo("FORBIDDEN");
    }

    private static void assertRefused(LocalStack stack, String email, String code) {
        assertThatThrownBy(() -> Invitations.signUp(stack, email, code))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining("not valid for this email");
        assertThat(new AdminApi(stack).cognitoUserExists(email)).isFalse();
    }

    /** The invitation's expiry moved into the past, as time would. */
    private static void expire(LocalStack stack, String tenant, String email) {
        var key = Keys.invitation(TenantId.of(tenant), email);
        stack.dynamoDb().updateItem(request -> request.tableName(stack.output("tableName"))
                .key(Map.of("PK", AttributeValue.fromS(key.pk()), "SK", AttributeValue.fromS(key.sk())))
                .updateExpression("SET expiresAt = :past")
                .expressionAttributeValues(Map.of(":past", AttributeValue.fromN(
                        Long.toString(Instant.now().minusSeconds(1).getEpochSecond())))));
        assertThat(new Table(stack.dynamoDb(), stack.output("tableName")).getConsistent(key, "test")
                .flatMap(InvitationItem.MODEL::fromItem).orElseThrow().isPendingAt(Instant.now())).isFalse();
    }

    /** The answer with the email, the accept code and the times replaced by placeholders. */
    @SuppressWarnings("unchecked")
    private static String shape(ApiClient.Response response, String email) {
        Map<String, Object> payload = new LinkedHashMap<>(response.data("inviteUser"));
        Map<String, Object> invitation = new LinkedHashMap<>((Map<String, Object>) payload.get("invitation"));
        assertThat(invitation).containsEntry("email", email);
        invitation.replace("email", "EMAIL");
        invitation.replace("createdAt", "TIME");
        invitation.replace("expiresAt", "TIME");
        payload.replace("invitation", invitation);
        payload.replace("acceptCode", ((String) payload.get("acceptCode")).replaceAll("\\.[A-Za-z0-9_-]{22}$",
                ".SECRET"));
        Map<String, Object> body = new LinkedHashMap<>(response.body());
        body.put("data", Map.of("inviteUser", payload));
        return ApiClient.json(body) + " " + response.headers().keySet().stream().map(String::toLowerCase).sorted()
                .toList();
    }
}
