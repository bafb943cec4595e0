package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.UserItem;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.LocalStack;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB and Cognito stay consistent when one side fails: a failure is injected into the GraphQL function's own
 * SDK clients ({@link com.tenantgraph.local.FaultInjector}) at a chosen call, and both stores are then read back
 * directly. Also: two ADMINs demoting each other at once cannot leave the tenant without one (moto never raises a
 * transaction conflict, so the second demotion is run at the exact moment the first one's transaction is sent).
 */
@ExtendWith(SharedLocalStack.class)
class ConsistencyIT {
    private LocalStack stack;

    @AfterEach
    void disarm() {
        if (stack != null) {
            stack.faults().clear();
        }
    }

    @Test
    void invite_whenTheDatabaseFails_storesNothing_touchesNoAccount_andARetrySucceeds(LocalStack stack) {
        this.stack = stack;
        TenantFixture tenant = TenantFixture.signUp(stack, "Database Fails Co");
        AdminApi admin = new AdminApi(stack);
        String email = TenantFixture.uniqueEmail("retry");
        String token = tenant.token(tenant.admin);
        stack.faults().failNext("TransactWriteItems", unreachable());

        ApiClient.Response failed = admin.invite(token, email, "VIEWER");

        assertThat(failed.firstErrorCode()).isEqualTo("UNAVAILABLE");
        assertThat(admin.invitationExists(tenant.tenantId, email)).isFalse();
        assertThat(admin.cognitoUserExists(email)).isFalse();

        ApiClient.Response retried = admin.invite(token, email, "VIEWER");
        assertThat(retried.body()).doesNotContainKey("errors");
        assertThat(admin.invitationExists(tenant.tenantId, email)).isTrue();
        assertThat(admin.cognitoUserExists(email)).isFalse();
    }

    @Test
    void disable_whenCognitoFails_putsTheRecordBack_andTheUserKeepsWorking(LocalStack stack) {
        this.stack = stack;
        TenantFixture tenant = TenantFixture.signUp(stack, "Disable Fails Co");
        TenantFixture.Account member = tenant.addMember(Role.ADMIN);
        String memberToken = tenant.token(member);
        AdminApi admin = new AdminApi(stack);
        stack.faults().failNext("AdminDisableUser", SdkClientException.create("injected: Cognito unreachable"));

        ApiClient.Response failed = admin.disable(tenant.token(tenant.admin), member.globalId(), 1);

        // THEN UNAVAILABLE with the record's current version; the record is ACTIVE again, Cognito untouched
        assertThat(failed.firstErrorCode()).isEqualTo("UNAVAILABLE");
        UserItem record = admin.record(tenant.tenantId, member.sub());
        assertThat(record.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(AdminApi.firstErrorExtensions(failed)).containsEntry("currentVersion", (int) record.version());
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(2);
        assertThat(admin.cognitoEnabled(member.email())).isTrue();
        assertThat(tenant.api.query(memberToken, "{ me { status } }").data("me")).containsEntry("status", "ACTIVE");

        // AND a retry with that version succeeds
        ApiClient.Response retried = admin.disable(tenant.token(tenant.admin), member.globalId(), record.version());
        assertThat(AdminApi.payloadUser(retried, "disableUser")).containsEntry("status", "DISABLED");
        assertThat(admin.cognitoEnabled(member.email())).isFalse();
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
    }

    @Test
    void remove_whenCognitoFails_restoresTheMembershipAndItsEmailMarker(LocalStack stack) {
        this.stack = stack;
        TenantFixture tenant = TenantFixture.signUp(stack, "Remove Fails Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        stack.faults().failNext("AdminDeleteUser", SdkClientException.create("injected: Cognito unreachable"));

        ApiClient.Response failed = admin.remove(tenant.token(tenant.admin), member.globalId(), 1);

        assertThat(failed.firstErrorCode()).isEqualTo("UNAVAILABLE");
        assertThat(admin.record(tenant.tenantId, member.sub()).status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(admin.emailMarkerExists(tenant.tenantId, member.email())).isTrue();
        assertThat(admin.cognitoUserExists(member.email())).isTrue();
    }

    @Test
    void changeRole_whenTheDatabaseFails_changesNoGroup(LocalStack stack) {
        this.stack = stack;
        TenantFixture tenant = TenantFixture.signUp(stack, "Role Fails Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        stack.faults().failNext("TransactWriteItems", unreachable());

        ApiClient.Response failed = admin.changeRole(tenant.token(tenant.admin), member.globalId(), "ADMIN", 1);

        assertThat(failed.firstErrorCode()).isEqualTo("UNAVAILABLE");
        assertThat(admin.record(tenant.tenantId, member.sub()).role()).isEqualTo(Role.MEMBER);
        assertThat(admin.groups(member.email())).containsExactly("MEMBER");
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
    }

    @Test
    void changeRole_whenCognitoFails_putsTheRoleBack(LocalStack stack) {
        this.stack = stack;
        TenantFixture tenant = TenantFixture.signUp(stack, "Group Fails Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        stack.faults().failNext("AdminRemoveUserFromGroup", SdkClientException.create("injected: Cognito unreachable"));

        ApiClient.Response failed = admin.changeRole(tenant.token(tenant.admin), member.globalId(), "ADMIN", 1);

        assertThat(failed.firstErrorCode()).isEqualTo("UNAVAILABLE");
        assertThat(admin.record(tenant.tenantId, member.sub()).role()).isEqualTo(Role.MEMBER);
        assertThat(admin.groups(member.email())).containsExactly("MEMBER");
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
    }

    @Test
    void transactionConflict_isRetried_andTheChangeLandsOnce(LocalStack stack) {
        this.stack = stack;
        TenantFixture tenant = TenantFixture.signUp(stack, "Conflict Co");
        TenantFixture.Account member = tenant.addMember(Role.MEMBER);
        AdminApi admin = new AdminApi(stack);
        stack.faults().failNext("TransactWriteItems", TransactionCanceledException.builder()
                .message("Transaction cancelled (injected)")
                .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
                        CancellationReason.builder().code("None").build())
                .build());

        ApiClient.Response changed = admin.changeRole(tenant.token(tenant.admin), member.globalId(), "VIEWER", 1);

        assertThat(AdminApi.payloadUser(changed, "changeUserRole")).containsEntry("role", "VIEWER")
                .containsEntry("version", 2);
        assertThat(admin.record(tenant.tenantId, member.sub()).version()).isEqualTo(2);
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnce_leaveExactlyOneAdmin(LocalStack stack) {
        this.stack = stack;
        // GIVEN a tenant with exactly two ACTIVE ADMINs, both signed in
        TenantFixture tenant = TenantFixture.signUp(stack, "Mutual Co");
        TenantFixture.Account second = tenant.addMember(Role.ADMIN);
        AdminApi admin = new AdminApi(stack);
        String firstToken = tenant.token(tenant.admin);
        String secondToken = tenant.token(second);
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(2);

        // WHEN the first demotes the second, and the second's demotion of the first lands just before the first's
        // transaction is sent (both have read and checked everything: each saw two ADMINs)
        AtomicReference<ApiClient.Response> secondsDemotion = new AtomicReference<>();
        stack.faults().beforeNext("TransactWriteItems", () -> secondsDemotion.set(
                admin.changeRole(secondToken, tenant.admin.globalId(), "MEMBER", 1)));
        ApiClient.Response firstsDemotion = admin.changeRole(firstToken, second.globalId(), "MEMBER", 1);

        // THEN one demotion wins, the other is refused, and the tenant keeps exactly one ACTIVE ADMIN
        assertThat(AdminApi.payloadUser(secondsDemotion.get(), "changeUserRole")).containsEntry("role", "MEMBER");
        assertThat(firstsDemotion.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(admin.record(tenant.tenantId, tenant.admin.sub()).role()).isEqualTo(Role.MEMBER);
        assertThat(admin.record(tenant.tenantId, second.sub()).role()).isEqualTo(Role.ADMIN);
        assertThat(admin.tenant(tenant.tenantId).adminCount()).isEqualTo(1);
        assertThat(admin.groups(second.email())).containsExactly("ADMIN");
    }

    /**
     * DynamoDB refusing the connection: the request certainly never reached it (a lost answer would be resolved by the
     * write path instead, under the transaction's ClientRequestToken).
     */
    private static SdkClientException unreachable() {
        return SdkClientException.create("injected: DynamoDB unreachable", new ConnectException("Connection refused"));
    }
}
