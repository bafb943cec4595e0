package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The Guard hands a write the request's tenant and user with the membership record's role, or refuses. */
class GuardTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final UserId USER = UserId.of("caller");

    private final List<Member> written = new CopyOnWriteArrayList<>();

    private CompletableFuture<String> runGuarded(Action action, Role role, UserStatus status) {
        return runGuarded(action, role, status, TenantStatus.ACTIVE);
    }

    private CompletableFuture<String> runGuarded(Action action, Role role, UserStatus status, TenantStatus tenant) {
        UserItem record = UserItem.builder().tenantId(TENANT).userId(USER).email("c@acme.test").name("Caller")
                .role(role).status(status).createdAt(Instant.EPOCH).build();
        TenantItem workspace = TenantItem.builder().tenantId(TENANT).name("Acme").status(tenant).adminCount(1)
                .createdAt(Instant.EPOCH).build();
        Map<TableKey, Map<String, AttributeValue>> table = Map.of(record.key(), UserItem.MODEL.toItem(record),
                workspace.key(), TenantItem.MODEL.toItem(workspace));
        // the token's groups say ADMIN: only the record's role may count
        Caller caller = new Caller(TENANT, USER, "c", "c@acme.test", Instant.MAX, "ADMIN");
        RequestContext context = RequestContext.create("request", caller,
                keys -> keys.stream().map(table::get).toList());
        DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .graphQLContext(GraphQLContext.of(Map.of(RequestContext.class, context))).build();
        return new Guard.Guarded<String>(action, (e, member) -> {
            written.add(member);
            return CompletableFuture.completedFuture("written");
        }).get(env);
    }

    @Test
    void write_getsTheRequestsTenantAndUser_withTheRecordsRole() {
        // WHEN a MEMBER runs a write their role allows
        String result = runGuarded(Action.CREATE_TASK, Role.MEMBER, UserStatus.ACTIVE).join();

        // THEN the write ran once, with the caller's tenant and user and the membership record's role
        assertThat(result).isEqualTo("written");
        assertThat(written).containsExactly(new Member(TENANT, USER, Role.MEMBER));
    }

    @Test
    void write_isRefused_forARoleTheMatrixDenies_evenWhenTheTokensGroupsSayAdmin() {
        // WHEN a VIEWER (whose token's groups claim ADMIN) tries to create a task
        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> runGuarded(Action.CREATE_TASK, Role.VIEWER, UserStatus.ACTIVE).join());

        // THEN FORBIDDEN, and nothing was written
        assertThat(((ApiException) failure.getCause()).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(written).isEmpty();
    }

    @Test
    void write_isRefused_forADisabledMembership() {
        // WHEN a disabled ADMIN tries any write
        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> runGuarded(Action.UPDATE_TENANT, Role.ADMIN, UserStatus.DISABLED).join());

        // THEN FORBIDDEN, and nothing was written
        assertThat(((ApiException) failure.getCause()).code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(written).isEmpty();
    }

    @Test
    void write_isRefused_withReasonTenantSuspended_whenTheTenantIsSuspended() {
        // WHEN an active ADMIN of a suspended tenant tries any write
        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> runGuarded(Action.UPDATE_TENANT, Role.ADMIN, UserStatus.ACTIVE, TenantStatus.SUSPENDED).join());

        // THEN FORBIDDEN with reason TENANT_SUSPENDED, and nothing was written
        ApiException refused = (ApiException) failure.getCause();
        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused.extensions()).containsEntry("reason", MembershipCheck.SUSPENDED_REASON);
        assertThat(written).isEmpty();
    }
}
