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
    /** A put that replaces whatever is there (a re-issued invitation): the transaction's API wants a condition. */
    private static final Expr ANY_STATE = Expr.of("attribute_not_exists(" + TableKey.PK + ") OR attribute_exists("
            + TableKey.PK + ")");

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
     * Issues (or re-issues) the pending invitation of its email: one transaction of the invitation, put whether or not
     * one was pending (a re-issue replaces the secret and the expiry, so an earlier secret stops working), a check that
     * the email is not a member of the tenant already (no email marker), and a check that the inviting admin is still
     * an ACTIVE ADMIN. ConditionFailed names the item that failed: the marker's key (a member) or the actor's.
     */
    public InvitationItem issueInvitation(InvitationItem invitation) {
        TenantId tenant = invitation.tenantId();
        Writes.Transaction tx = writes.transaction("InviteUser");
        Writes.Prepared<InvitationItem> issued = writes.create(InvitationItem.MODEL, invitation, writes.now());
        tx.put(issued, ANY_STATE);
        tx.check(Keys.emailMarker(tenant, invitation.email()), NOT_EXISTS);
        tx.check(Keys.user(tenant, invitation.invitedBy()), activeAdmin());
        tx.execute();
        return issued.entity();
    }

    /** The pending invitation of {@code email} in a tenant (consistent read), expired or not. */
    public Optional<InvitationItem> findInvitation(TenantId tenant, String email) {
        return writes.table().getConsistent(Keys.invitation(tenant, email), "GetInvitation")
                .flatMap(InvitationItem.MODEL::fromItem);
    }

    /**
     * Deletes the pending invitation of {@code email}, checking that {@code actor} is still an ACTIVE ADMIN; false when
     * there was none (nothing is written then).
     */
    public boolean revokeInvitation(TenantId tenant, String email, UserId actor) {
        Writes.Transaction tx = writes.transaction("RevokeInvitation");
        tx.delete(InvitationItem.MODEL, Keys.invitation(tenant, email), Expr.of("attribute_exists(" + TableKey.PK + ")"));
        tx.check(Keys.user(tenant, actor), activeAdmin());
        try {
            tx.execute();
            return true;
        } catch (DataAccessException.ConditionFailedException e) {
            if (e.failedOn(Keys.invitation(tenant, email))) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Accepts {@code invitation} for the account {@code member} (ACTIVE, the invitation's role, keyed by the account's
     * sub): one transaction of the member, its email marker (both {@code attribute_not_exists}), the invitation's
     * delete conditioned on the very secret hash that was checked (so a revoked, re-issued or already used invitation
     * cannot be consumed), and {@code adminCount + 1} for an ADMIN.
     */
    public UserItem acceptInvitation(InvitationItem invitation, UserItem member) {
        if (member.status() != UserStatus.ACTIVE || member.role() != invitation.role()
                || !member.tenantId().equals(invitation.tenantId())) {
            throw new IllegalArgumentException("an accepted invitation makes an ACTIVE member with its role");
        }
        Writes.Transaction tx = writes.transaction("AcceptInvitation");
        Writes.Prepared<UserItem> created = writes.create(UserItem.MODEL, member, writes.now());
        tx.put(created, NOT_EXISTS);
        tx.put(writes.create(EmailMarker.MODEL, EmailMarker.of(member, null), writes.now()), NOT_EXISTS);
        tx.delete(InvitationItem.MODEL, invitation.key(), Expr.of("secretHash = :hash")
                .value(":hash", invitation.secretHash()));
        if (member.role() == Role.ADMIN) {
            tx.update(TenantItem.MODEL, Keys.tenant(member.tenantId()), adminCount("+"),
                    Expr.of("attribute_exists(PK)"));
        }
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
            tx.check(Keys.user(tenant, actor), activeAdmin());
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

    private static Expr activeAdmin() {
        return Expr.of("#role = :admin AND #status = :active").name("#role", "role").name("#status", "status")
                .value(":admin", Role.ADMIN.name()).value(":active", UserStatus.ACTIVE.name());
    }

    private static int activeAdmin(UserItem user) {
        return user.role() == Role.ADMIN && user.status() == UserStatus.ACTIVE ? 1 : 0;
    }
}
