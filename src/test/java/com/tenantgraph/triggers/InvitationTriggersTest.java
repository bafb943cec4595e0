package com.tenantgraph.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.admin.AcceptCode;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The invitation side of the triggers, with the stores mocked: PreSignUp admits only a pending, unexpired invitation
 * of the signing-up email with its secret; PostConfirmation binds (membership first, then Cognito, the invitation
 * attribute deleted last); a second run finishes the Cognito side without writing; nothing is bound on a refusal.
 */
class InvitationTriggersTest {
    private static final String POOL = "local_pool";
    private static final TenantId ACME = TenantId.of("acme");
    private static final UserId ACCOUNT = UserId.of("sub-1");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String EMAIL = "grace@example.test";

    private final UserRepository users = mock(UserRepository.class);
    private final UserWrites writes = mock(UserWrites.class);
    private final UserDirectory directory = mock(UserDirectory.class);
    private final TenantProvisioning provisioning = mock(TenantProvisioning.class);
    private final Onboarding onboarding;
    private final AcceptCode code = AcceptCode.issue(ACME);
    private final InvitationItem invitation = invitation(code, NOW.plus(Duration.ofDays(7)));

    InvitationTriggersTest() {
        when(directory.userPoolId()).thenReturn(POOL);
        onboarding = new Onboarding(provisioning, users, writes, UserDirectories.only(directory),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void preSignUp_admitsThePendingInvitationOfThisEmail_withoutAWorkspaceName() {
        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation));

        CognitoUserPoolPreSignUpEvent event = preSignUp(Map.of("email", "Grace@Example.test",
                "custom:invitation", code.value()));

        assertThat(new PreSignUpHandler(onboarding).handleRequest(event, null)).isSameAs(event);
    }

    @Test
    void preSignUp_refusesAWrongSecret_anotherEmail_anExpiredOrMissingInvitation_andGarbage_alikeAndNamingNoTenant() {
        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation));
        when(writes.findInvitation(ACME, "other@example.test")).thenReturn(Optional.empty());
        PreSignUpHandler handler = new PreSignUpHandler(onboarding);
        String wrongSecret = AcceptCode.issue(ACME).value();

        Map<String, Map<String, String>> refused = Map.of(
                "wrong secret", Map.of("email", EMAIL, "custom:invitation", wrongSecret),
                "other email", Map.of("email", "other@example.test", "custom:invitation", code.value()),
                "garbage", Map.of("email", EMAIL, "custom:invitation", "acme.nope"),
                "empty", Map.of("email", EMAIL, "custom:invitation", ""),
                "no email", Map.of("custom:invitation", code.value()));
        refused.forEach((why, attributes) -> assertThatThrownBy(() -> handler.handleRequest(preSignUp(attributes),
                null)).as(why).isInstanceOf(SignUpRefusedException.class)
                .hasMessageContaining("not valid for this email").hasMessageNotContaining("acme"));

        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation(code, NOW)));
        assertThatThrownBy(() -> handler.handleRequest(preSignUp(Map.of("email", EMAIL, "custom:invitation",
                code.value())), null)).as("expired").isInstanceOf(SignUpRefusedException.class);
    }

    @Test
    void preSignUp_stillRefusesATenantId_evenWithAnInvitation() {
        Map<String, String> attributes = Map.of("email", EMAIL, "custom:invitation", code.value(),
                "custom:tenantId", "acme");

        assertThatThrownBy(() -> new PreSignUpHandler(onboarding).handleRequest(preSignUp(attributes), null))
                .isInstanceOf(SignUpRefusedException.class).hasMessageContaining("custom:tenantId");
        verifyNoInteractions(writes);
    }

    @Test
    void postConfirmation_bindsTheAccount_membershipFirst_invitationAttributeLast() {
        when(users.find(ACME, ACCOUNT)).thenReturn(Optional.empty());
        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation));
        when(writes.acceptInvitation(any(), any())).thenAnswer(call -> call.getArgument(1));

        new PostConfirmationHandler(onboarding).handleRequest(postConfirmation(confirmed()), null);

        ArgumentCaptor<UserItem> member = ArgumentCaptor.forClass(UserItem.class);
        InOrder order = inOrder(writes, directory);
        order.verify(writes).acceptInvitation(org.mockito.ArgumentMatchers.eq(invitation), member.capture());
        order.verify(directory).setTenant(ACCOUNT, ACME);
        order.verify(directory).addToGroup(ACCOUNT, Role.ADMIN);
        order.verify(directory).clearInvitation(ACCOUNT);
        assertThat(member.getValue()).satisfies(m -> {
            assertThat(m.tenantId()).isEqualTo(ACME);
            assertThat(m.userId()).isEqualTo(ACCOUNT);
            assertThat(m.email()).isEqualTo(EMAIL);
            assertThat(m.name()).isEqualTo("Grace");
            assertThat(m.role()).isEqualTo(Role.ADMIN);
            assertThat(m.status()).isEqualTo(UserStatus.ACTIVE);
        });
        verifyNoInteractions(provisioning);
    }

    @Test
    void aSecondRun_findsTheMembership_andOnlyFinishesCognito() {
        UserItem member = UserItem.builder().tenantId(ACME).userId(ACCOUNT).email(EMAIL).name("Grace")
                .role(Role.MEMBER).status(UserStatus.ACTIVE).createdAt(NOW).build();
        when(users.find(ACME, ACCOUNT)).thenReturn(Optional.of(member));

        new PostAuthenticationHandler(onboarding).handleRequest(postAuthentication(confirmed()), null);

        verify(writes, never()).acceptInvitation(any(), any());
        verify(directory).setTenant(ACCOUNT, ACME);
        verify(directory).addToGroup(ACCOUNT, Role.MEMBER); // the role the record has now
        verify(directory).clearInvitation(ACCOUNT);
    }

    @Test
    void cognitoFailingAfterTheWrite_failsTheTrigger_withTheInvitationAttributeStillThere() {
        when(users.find(ACME, ACCOUNT)).thenReturn(Optional.empty());
        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation));
        when(writes.acceptInvitation(any(), any())).thenAnswer(call -> call.getArgument(1));
        org.mockito.Mockito.doThrow(new CognitoException("AdminAddUserToGroup refused", null))
                .when(directory).addToGroup(ACCOUNT, Role.ADMIN);

        assertThatThrownBy(() -> new PostConfirmationHandler(onboarding).handleRequest(
                postConfirmation(confirmed()), null)).isInstanceOf(TriggerFailedException.class)
                .hasCauseInstanceOf(CognitoException.class);

        verify(directory, never()).clearInvitation(ACCOUNT);
    }

    @Test
    void anInvitationRevokedOrReissuedBeforeConfirmation_bindsNothing() {
        when(users.find(ACME, ACCOUNT)).thenReturn(Optional.empty());
        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation(AcceptCode.issue(ACME),
                NOW.plusSeconds(60))));

        assertThatThrownBy(() -> new PostConfirmationHandler(onboarding).handleRequest(
                postConfirmation(confirmed()), null)).isInstanceOf(SignUpRefusedException.class);

        verify(writes, never()).acceptInvitation(any(), any());
        verifyNoInteractions(provisioning);
        verify(directory, never()).setTenant(any(), any());
    }

    @Test
    void theInvitationConsumedByAnotherRunMeanwhile_isRefused_unlessThatRunBoundThisAccount() {
        when(users.find(ACME, ACCOUNT)).thenReturn(Optional.empty());
        when(writes.findInvitation(ACME, EMAIL)).thenReturn(Optional.of(invitation));
        when(writes.acceptInvitation(any(), any())).thenThrow(
                new DataAccessException.ConditionFailedException("consumed", null));

        assertThatThrownBy(() -> new PostConfirmationHandler(onboarding).handleRequest(
                postConfirmation(confirmed()), null)).isInstanceOf(SignUpRefusedException.class);
        verify(directory, never()).setTenant(any(), any());
    }

    @Test
    void anAccountOfAnotherTenant_isNeverMoved() {
        Map<String, String> attributes = new HashMap<>(confirmed());
        attributes.put("custom:tenantId", "globex");

        new PostAuthenticationHandler(onboarding).handleRequest(postAuthentication(attributes), null);

        verifyNoInteractions(writes, users, provisioning);
        verify(directory, never()).setTenant(any(), any());
    }

    @Test
    void aSignUpWithoutInvitation_stillFoundsAWorkspace() {
        Map<String, String> attributes = Map.of("sub", ACCOUNT.value(), "email", EMAIL,
                "custom:workspaceName", "Grace's");
        when(provisioning.createTenantWithAdminIdempotently(any(), any())).thenReturn(true);

        new PostConfirmationHandler(onboarding).handleRequest(postConfirmation(attributes), null);

        verify(provisioning).createTenantWithAdminIdempotently(any(), any());
        verify(writes, never()).acceptInvitation(any(), any());
    }

    private static InvitationItem invitation(AcceptCode code, Instant expiry) {
        return new InvitationItem(ACME, EMAIL, "Grace", Role.ADMIN, UserId.of("admin-1"), code.secretHash(),
                NOW.minusSeconds(60), null, 1, expiry.getEpochSecond());
    }

    private Map<String, String> confirmed() {
        return Map.of("sub", ACCOUNT.value(), "email", EMAIL, "custom:invitation", code.value());
    }

    private static CognitoUserPoolPreSignUpEvent preSignUp(Map<String, String> attributes) {
        return CognitoUserPoolPreSignUpEvent.builder().withTriggerSource("PreSignUp_SignUp").withUserPoolId(POOL)
                .withRequest(CognitoUserPoolPreSignUpEvent.Request.builder().withUserAttributes(attributes).build())
                .build();
    }

    private static CognitoUserPoolPostConfirmationEvent postConfirmation(Map<String, String> attributes) {
        return CognitoUserPoolPostConfirmationEvent.builder().withTriggerSource("PostConfirmation_ConfirmSignUp")
                .withUserPoolId(POOL).withRequest(CognitoUserPoolPostConfirmationEvent.Request.builder()
                        .withUserAttributes(attributes).build()).build();
    }

    private static CognitoUserPoolPostAuthenticationEvent postAuthentication(Map<String, String> attributes) {
        return CognitoUserPoolPostAuthenticationEvent.builder().withTriggerSource("PostAuthentication_Authentication")
                .withUserPoolId(POOL).withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder()
                        .withUserAttributes(attributes).build()).build();
    }
}
