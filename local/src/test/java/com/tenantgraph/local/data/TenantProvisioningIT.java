package com.tenantgraph.local.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Tenant and membership provisioning against moto_server with the real SDK: all or nothing, never twice. */
@ExtendWith(SharedMoto.class)
class TenantProvisioningIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void createTenantWithAdmin_writesTenantAdminMarkerAndRegistry_andReadsBack(Table table) {
        // GIVEN a new tenant and its first admin
        TenantItem tenant = tenant(ACME);
        UserItem admin = user(ACME, "sub-admin", "Ada@Acme.test", Role.ADMIN);

        // WHEN provisioned
        new TenantProvisioning(table).createTenantWithAdmin(tenant, admin);

        // THEN both read back as written, with an admin count of one, plus the email marker and registry entry
        assertThat(new TenantRepository(table).find(ACME)).contains(tenant.toBuilder().adminCount(1).build());
        assertThat(new UserRepository(table).find(ACME, UserId.of("sub-admin"))).contains(admin);
        assertThat(table.getConsistent(Keys.emailMarker(ACME, "ada@acme.test"), "test")).isPresent();
        assertThat(table.getConsistent(Keys.registryEntry(ACME), "test")).isPresent();
        assertThat(itemCount(table)).isEqualTo(4);
    }

    @Test
    void createTenantWithAdmin_isAllOrNothing_andARetryCreatesNothingTwice(Table table) {
        // GIVEN a provisioned tenant
        TenantProvisioning provisioning = new TenantProvisioning(table);
        provisioning.createTenantWithAdmin(tenant(ACME), user(ACME, "sub-admin", "ada@acme.test", Role.ADMIN));

        // WHEN the same provisioning is retried later, and another admin tries to take the same tenant id
        // THEN both fail on their conditions and nothing was added or changed
        TenantItem later = tenant(ACME).toBuilder().createdAt(NOW.plusSeconds(1)).build();
        assertThatThrownBy(() -> provisioning.createTenantWithAdmin(later,
                user(ACME, "sub-admin", "ada@acme.test", Role.ADMIN).toBuilder().createdAt(later.createdAt()).build()))
                .isInstanceOf(DataAccessException.ConditionFailedException.class);
        assertThatThrownBy(() -> provisioning.createTenantWithAdmin(tenant(ACME),
                user(ACME, "sub-other", "other@acme.test", Role.ADMIN)))
                .isInstanceOf(DataAccessException.ConditionFailedException.class);
        assertThat(itemCount(table)).isEqualTo(4);
        assertThat(new UserRepository(table).find(ACME, UserId.of("sub-other"))).isEmpty();
        assertThat(new TenantRepository(table).find(ACME).orElseThrow().createdAt()).isEqualTo(NOW);

        // AND a repeat that finds every item exactly as it would write it is that write's own success (the one write
        // path answers so when the SDK re-sent an attempt that had committed), still without writing anything twice
        provisioning.createTenantWithAdmin(tenant(ACME), user(ACME, "sub-admin", "ada@acme.test", Role.ADMIN));
        assertThat(itemCount(table)).isEqualTo(4);
    }

    @Test
    void addMember_refusesADuplicateEmail_andAMissingTenant(Table table) {
        // GIVEN a tenant with an admin
        TenantProvisioning provisioning = new TenantProvisioning(table);
        provisioning.createTenantWithAdmin(tenant(ACME), user(ACME, "sub-admin", "ada@acme.test", Role.ADMIN));

        // WHEN a member with the admin's email, and a member of a tenant that does not exist, are added
        // THEN both are refused and nothing is written
        assertThatThrownBy(() -> provisioning.addMember(user(ACME, "sub-2", "ADA@acme.test", Role.MEMBER)))
                .isInstanceOf(DataAccessException.ConditionFailedException.class);
        assertThatThrownBy(() -> provisioning.addMember(user(TenantId.of("nope"), "sub-3", "x@nope.test",
                Role.MEMBER))).isInstanceOf(DataAccessException.ConditionFailedException.class);
        assertThat(itemCount(table)).isEqualTo(4);
    }

    @Test
    void addMember_countsAdminsOnly(Table table) {
        // GIVEN a tenant with its first admin
        TenantProvisioning provisioning = new TenantProvisioning(table);
        provisioning.createTenantWithAdmin(tenant(ACME), user(ACME, "sub-admin", "ada@acme.test", Role.ADMIN));

        // WHEN a member and a second admin join
        provisioning.addMember(user(ACME, "sub-member", "max@acme.test", Role.MEMBER));
        provisioning.addMember(user(ACME, "sub-admin2", "ann@acme.test", Role.ADMIN));

        // THEN the admin count is two
        assertThat(new TenantRepository(table).find(ACME).orElseThrow().adminCount()).isEqualTo(2);
    }

    @Test
    void sameUserIdInTwoTenants_areTwoDistinctRecords(Table table) {
        // GIVEN tenants t1 and t12 (one id a prefix of the other) with a user of the same id
        TenantProvisioning provisioning = new TenantProvisioning(table);
        provisioning.createTenantWithAdmin(tenant(TenantId.of("t1")), user(TenantId.of("t1"), "same", "a@t1.test",
                Role.ADMIN));
        provisioning.createTenantWithAdmin(tenant(TenantId.of("t12")), user(TenantId.of("t12"), "same",
                "a@t12.test", Role.ADMIN));

        // WHEN each is read in its tenant
        UserRepository users = new UserRepository(table);

        // THEN each tenant sees only its own record
        assertThat(users.find(TenantId.of("t1"), UserId.of("same")).orElseThrow().email()).isEqualTo("a@t1.test");
        assertThat(users.find(TenantId.of("t12"), UserId.of("same")).orElseThrow().email()).isEqualTo("a@t12.test");
        assertThat(users.find(TenantId.of("t2"), UserId.of("same"))).isEmpty();
    }

    private static long itemCount(Table table) {
        // a Scan is fine in a test: it counts what the table holds
        return table.client().scan(ScanRequest.builder().tableName(table.name()).build()).count();
    }

    private static TenantItem tenant(TenantId id) {
        return TenantItem.builder().tenantId(id).name("Tenant " + id).plan(Plan.TEAM).createdAt(NOW).build();
    }

    private static UserItem user(TenantId tenant, String sub, String email, Role role) {
        return UserItem.builder().tenantId(tenant).userId(UserId.of(sub)).email(email).name("User " + sub)
                .role(role).status(UserStatus.ACTIVE).createdAt(NOW).build();
    }
}
