package com.tenantgraph.data;

import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.util.Optional;

/**
 * The write transactions of user administration (docs/data-model.md §7, "Users and tenant"), on the one write path.
 * Every change of a user's role or status is one transaction: the full new user item, conditioned on the version,
 * role and status that were read; the tenant's {@code adminCount} when the number of ACTIVE ADMINs changes (a
 * decrement only while {@code adminCount > 1}, so the last ADMIN can never go); a check that the acting admin is
 * still an ACTIVE ADMIN; and the email marker when the membership ends or is restored. A failed condition is a
 * {@link DataAccessException.ConditionFailedException}; its {@code failedOn(key)} says which rule broke: the user's
 * key (it moved), the tenant's (last ADMIN), the actor's (no longer an ADMIN).
 */
public final class UserWrites {
    private static final Expr NOT_EXISTS = Expr.of("attribute_not_exists(" + TableKey.PK + ")");

    private final Writes writes;

    public UserWrites(Table table) {
        this(new Writes(table, Clock.systemUTC()));
    }

    public UserWrites(Writes writes) {
        this.writes = writes;
    }

    /** What happens to the user's email marker in a transition. */
    public enum MarkerChange {
        NONE, DELETE, RESTORE
    }

    /**
     * Creates an INVITED membership and its email marker; the marker keeps {@code requestHash} (may be null) so that a
     * retried invite with the same clientMutationId can be recognised. Fails with ConditionFailed if either exists.
     */
    public UserItem createInvited(UserItem user, String requestHash) {
        if (user.status() != UserStatus.INVITED) {
            throw new IllegalArgumentException("an invited user starts INVITED");
        }
        Writes.Transaction tx = writes.transaction("InviteUser");
        Writes.Prepared<UserItem> created = writes.create(UserItem.MODEL, user, writes.now());
        tx.put(created, NOT_EXISTS);
        tx.put(writes.create(EmailMarker.MODEL, EmailMarker.of(user, requestHash), writes.now()), NOT_EXISTS);
        tx.execute();
        return created.entity();
    }

    /** The email marker of {@code email} in a tenant: its owner and the request that created it. */
    public Optional<EmailMarker> findEmailMarker(TenantId tenant, String email) {
        return writes.table().getConsistent(Keys.emailMarker(tenant, email), "GetEmailMarker")
                .flatMap(EmailMarker.MODEL::fromItem);
    }

    /**
     * Replaces {@code current} by {@code next} (the same user; the version and update time are the write's) in one
     * transaction, as described on the class, and returns the user as written. {@code actor} is the admin making the
     * change (null for a trigger).
     */
    public UserItem transition(UserItem current, UserItem next, UserId actor, MarkerChange marker) {
        TenantId tenant = current.tenantId();
        Writes.Transaction tx = writes.transaction("UpdateUser");
        Writes.Prepared<UserItem> written = writes.replace(UserItem.MODEL, current, next, writes.now());
        tx.put(written, Expr.of("#version = :version AND #role = :role AND #status = :status")
                .name("#version", Attributes.VERSION).name("#role", "role").name("#status", "status")
                .value(":version", current.version()).value(":role", current.role().name())
                .value(":status", current.status().name()));
        int adminDelta = activeAdmin(next) - activeAdmin(current);
        if (adminDelta > 0) {
            tx.update(TenantItem.MODEL, Keys.tenant(tenant), adminCount("+"), Expr.of("attribute_exists(PK)"));
        } else if (adminDelta < 0) {
            tx.update(TenantItem.MODEL, Keys.tenant(tenant), adminCount("-"), Expr.of("adminCount > :one"));
        }
        if (actor != null && !actor.equals(current.userId())) {
            tx.check(Keys.user(tenant, actor), Expr.of("#role = :admin AND #status = :active")
                    .name("#role", "role").name("#status", "status")
                    .value(":admin", Role.ADMIN.name()).value(":active", UserStatus.ACTIVE.name()));
        }
        if (marker == MarkerChange.DELETE) {
            tx.delete(EmailMarker.MODEL, Keys.emailMarker(tenant, current.email()),
                    Expr.of("userId = :user").value(":user", current.userId().value()));
        } else if (marker == MarkerChange.RESTORE) {
            tx.put(writes.create(EmailMarker.MODEL, EmailMarker.of(next, null), writes.now()), NOT_EXISTS);
        }
        tx.execute();
        return written.entity();
    }

    /** The tenant's count of ACTIVE ADMINs, one up or down: a counter, not an edit of the tenant. */
    private static Update adminCount(String sign) {
        return Update.counter("adminCount = adminCount " + sign + " :one").value(":one", 1);
    }

    private static int activeAdmin(UserItem user) {
        return user.role() == Role.ADMIN && user.status() == UserStatus.ACTIVE ? 1 : 0;
    }
}
