package com.tenantgraph.data;

import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import java.time.Clock;

/**
 * Creates tenants and memberships, each in one all-or-nothing transaction: the tenant, its first ADMIN, the email
 * marker and the operators' registry entry land together or not at all, and every put is conditional on the item not
 * existing, so a retry creates nothing twice. Used by the operator bootstrap, sign-up provisioning and local seeding.
 */
public final class TenantProvisioning {
    private static final Expr NOT_EXISTS = Expr.of("attribute_not_exists(" + TableKey.PK + ")");

    private final Writes writes;

    public TenantProvisioning(Table table) {
        this(new Writes(table, Clock.systemUTC()));
    }

    public TenantProvisioning(Writes writes) {
        this.writes = writes;
    }

    /** Creates the tenant with {@code admin} as its first ADMIN; fails with ConditionFailed if any part exists. */
    public void createTenantWithAdmin(TenantItem tenant, UserItem admin) {
        requireSameTenant(tenant.tenantId(), admin);
        if (admin.role() != Role.ADMIN) {
            throw new IllegalArgumentException("the first user of a tenant must be an ADMIN");
        }
        TenantItem counted = tenant.toBuilder().adminCount(1).build();
        Writes.Transaction tx = writes.transaction("CreateTenant");
        tx.put(writes.create(TenantItem.MODEL, counted, writes.now()), NOT_EXISTS);
        tx.put(writes.create(UserItem.MODEL, admin, writes.now()), NOT_EXISTS);
        tx.put(writes.create(EmailMarker.MODEL, EmailMarker.of(admin, null), writes.now()), NOT_EXISTS);
        tx.put(writes.create(RegistryEntry.MODEL, RegistryEntry.of(counted), writes.now()), NOT_EXISTS);
        tx.execute();
    }

    /**
     * Sign-up provisioning, safe to retry: creates the tenant with {@code admin} as in {@link #createTenantWithAdmin};
     * when the items already exist because an earlier attempt with the same founder succeeded (the tenant id derives
     * from the founder's sub), that counts as done. Returns true when this call created them.
     *
     * @throws DataAccessException.ConditionFailedException when the tenant exists but belongs to someone else
     */
    public boolean createTenantWithAdminIdempotently(TenantItem tenant, UserItem admin) {
        try {
            createTenantWithAdmin(tenant, admin);
            return true;
        } catch (DataAccessException.ConditionFailedException e) {
            Table table = writes.table();
            boolean tenantExists = table.getConsistent(Keys.tenant(tenant.tenantId()), "GetTenant").isPresent();
            boolean sameFounder = table.getConsistent(Keys.user(admin.tenantId(), admin.userId()), "GetUser")
                    .isPresent();
            if (tenantExists && sameFounder) {
                return false;
            }
            throw e;
        }
    }

    /** Adds a member to an existing tenant; an ADMIN also increments the tenant's admin count in the same transaction. */
    public void addMember(UserItem member) {
        TenantId tenant = member.tenantId();
        Writes.Transaction tx = writes.transaction("AddMember");
        tx.put(writes.create(UserItem.MODEL, member, writes.now()), NOT_EXISTS);
        tx.put(writes.create(EmailMarker.MODEL, EmailMarker.of(member, null), writes.now()), NOT_EXISTS);
        Expr tenantExists = Expr.of("attribute_exists(" + TableKey.PK + ")");
        if (member.role() == Role.ADMIN) {
            tx.update(TenantItem.MODEL, Keys.tenant(tenant), Update.counter("adminCount = adminCount + :one")
                    .value(":one", 1), tenantExists);
        } else {
            tx.check(Keys.tenant(tenant), tenantExists);
        }
        tx.execute();
    }

    private static void requireSameTenant(TenantId tenant, UserItem user) {
        if (!tenant.equals(user.tenantId())) {
            throw new IllegalArgumentException("user belongs to another tenant");
        }
    }
}
