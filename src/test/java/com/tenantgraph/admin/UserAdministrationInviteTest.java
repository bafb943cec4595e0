package com.tenantgraph.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** inviteUser and revokeInvitation: DynamoDB only, never Cognito; the secret is returned once and only hashed. */
class UserAdministrationInviteTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final Member ADMIN = new Member(ACME, UserId.of("admin-1"), Role.ADMIN);
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final UserWrites writes = mock(UserWrites.class);
    private final UserDirectory directory = mock(UserDirectory.class);
    private final UserAdministration admin = new UserAdministration(mock(UserRepository.class), writes, directory,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void invite_storesAPendingInvitationWithTheSecretsHash_andNeverCallsCognito() {
        when(writes.issueInvitation(any())).thenAnswer(call -> call.getArgument(0));

        UserAdministration.IssuedInvitation issued = admin.invite(ADMIN,
                new UserAdministration.Invitation("m-1", " Grace@Example.TEST ", "Grace", Role.MEMBER));

        ArgumentCaptor<InvitationItem> stored = ArgumentCaptor.forClass(InvitationItem.class);
        verify(writes).issueInvitation(stored.capture());
        InvitationItem invitation = stored.getValue();
        assertThat(invitation.tenantId()).isEqualTo(ACME);
        assertThat(invitation.email()).isEqualTo("grace@example.test");
        assertThat(invitation.role()).isEqualTo(Role.MEMBER);
        assertThat(invitation.invitedBy()).isEqualTo(ADMIN.user());
        assertThat(invitation.expiry()).isEqualTo(NOW.plus(UserAdministration.INVITATION_VALIDITY));
        assertThat(issued.code().tenant()).isEqualTo(ACME);
        assertThat(invitation.secretHash()).isEqualTo(issued.code().secretHash())
                .doesNotContain(issued.code().secret());
        verifyNoInteractions(directory);
    }

    @Test
    void inviteAgain_issuesANewSecret() {
        when(writes.issueInvitation(any())).thenAnswer(call -> call.getArgument(0));
        UserAdministration.Invitation same = new UserAdministration.Invitation("m-1", "g@example.test", "G", Role.VIEWER);

        AcceptCode first = admin.invite(ADMIN, same).code();
        AcceptCode second = admin.invite(ADMIN, same).code();

        assertThat(second.secret()).isNotEqualTo(first.secret());
        verifyNoInteractions(directory);
    }

    @Test
    void invitingAMemberOfThisTenant_isConflictAlreadyMember() {
        when(writes.issueInvitation(any())).thenThrow(failedOn(Keys.emailMarker(ACME, "m@example.test")));

        assertThatThrownBy(() -> admin.invite(ADMIN,
                new UserAdministration.Invitation(null, "m@example.test", "M", Role.MEMBER)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.extensions())
                        .containsEntry("reason", "ALREADY_MEMBER").containsEntry("field", "email"));
        verifyNoInteractions(directory);
    }

    @Test
    void anAdminDemotedMeanwhile_invitesNobody() {
        when(writes.issueInvitation(any())).thenThrow(failedOn(Keys.user(ACME, ADMIN.user())));

        assertThatThrownBy(() -> admin.invite(ADMIN,
                new UserAdministration.Invitation(null, "m@example.test", "M", Role.MEMBER)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.extensions())
                        .containsEntry("reason", "NOT_ADMIN"));
    }

    @Test
    void badInput_isRefusedBeforeAnyWrite() {
        assertThatThrownBy(() -> admin.invite(ADMIN, new UserAdministration.Invitation(null, "not-an-email", "M",
                Role.MEMBER))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.extensions())
                .containsEntry("field", "email"));
        assertThatThrownBy(() -> admin.invite(ADMIN, new UserAdministration.Invitation(null, "m@example.test",
                "bad\u001bname", Role.MEMBER))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(
                e.extensions()).containsEntry("field", "name"));
        verifyNoInteractions(writes, directory);
    }

    /** A transaction's failure on its only action, at {@code key}. */
    private static DataAccessException.ConditionFailedException failedOn(com.tenantgraph.data.TableKey key) {
        return new DataAccessException.ConditionFailedException("failed", null, Map.of(0, Map.of()))
                .on(List.of(key));
    }

    @Test
    void revokingNothing_isNotFound() {
        when(writes.revokeInvitation(ACME, "x@example.test", ADMIN.user())).thenReturn(false);

        assertThatThrownBy(() -> admin.revokeInvitation(ADMIN, "X@example.test"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code().name()).isEqualTo("NOT_FOUND"));
        verifyNoInteractions(directory);
    }
}
