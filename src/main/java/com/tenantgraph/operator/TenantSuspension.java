package com.tenantgraph.operator;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.tenancy.TenantId;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The operators' suspend and resume: sets a tenant item's {@code status}, which {@code MembershipCheck} reads beside
 * every request's membership (SUSPENDED refuses every member with FORBIDDEN, reason TENANT_SUSPENDED).
 *
 * <p>How: a consistent read of the tenant, then one UpdateItem through {@link Writes} (so the audit plugin bumps the
 * version and the update time and the audit log records it) conditioned on the version that was read. A tenant that
 * already has the status is left untouched (idempotent: no version bump, no audit line). If an ADMIN renamed the
 * tenant in between, the version moved on: the read and the update are repeated, a few times at most.
 */
final class TenantSuspension {
    /** Read-and-update rounds before giving up on a tenant that keeps changing under us. */
    static final int ATTEMPTS = 3;

    private final Writes writes;
    private final TenantRepository tenants;

    TenantSuspension(Writes writes) {
        this.writes = writes;
        this.tenants = new TenantRepository(writes.table());
    }

    /**
     * What a change did: the tenant as it is now, and the status it had before ({@code previous == tenant.status()}
     * when there was nothing to do).
     */
    record Outcome(TenantItem tenant, TenantStatus previous) {
        boolean changed() {
            return previous != tenant.status();
        }
    }

    /** A tenant whose version moved on in every attempt. */
    static final class KeptChangingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeptChangingException(TenantId tenant) {
            super("tenant " + tenant.value() + " changed under every one of " + ATTEMPTS
                    + " attempts; nothing was written, run the command again");
        }
    }

    /** Sets {@code tenant}'s status; empty when there is no such tenant (nothing written). */
    Optional<Outcome> set(TenantId tenant, TenantStatus status) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<TenantItem> current = tenants.find(tenant);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            TenantStatus previous = current.get().status();
            if (previous == status) {
                return Optional.of(new Outcome(current.get(), previous));
            }
            try {
                TenantItem updated = TenantItem.MODEL.fromItem(writes.update(operation(status), TenantItem.MODEL,
                        Keys.tenant(tenant),
                        Update.set("#status = :status").name("#status", "status").value(":status", status.name()),
                        Expr.of("#v = :expected").name("#v", "version").value(":expected", current.get().version()),
                        ReturnValue.ALL_NEW, null)).orElseThrow();
                return Optional.of(new Outcome(updated, previous));
            } catch (DataAccessException.ConditionFailedException moved) {
                // another write (an ADMIN's rename, another operator) changed the version: read again
            }
        }
        throw new KeptChangingException(tenant);
    }

    private static String operation(TenantStatus status) {
        return status == TenantStatus.SUSPENDED ? "SuspendTenant" : "ResumeTenant";
    }
}
