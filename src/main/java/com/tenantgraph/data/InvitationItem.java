package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A pending invitation of one email into one tenant: item {@code TENANT#<t>#INVITATIONS / <email>}. It holds no
 * Cognito account (the person makes their own by signing up and proving the email; docs/user-administration.md),
 * only what the acceptance needs: the role, who invited, and the SHA-256 of the single-use secret the ADMIN was shown
 * once (never the secret). Keyed by the email inside the tenant's partition, so there is at most one pending
 * invitation per email and tenant, every tenant's list is one Query, and no other tenant can address it.
 * {@code expiresAt} (epoch seconds) is also the table's TTL attribute: DynamoDB deletes an expired invitation lazily,
 * the acceptance checks the time itself.
 */
public record InvitationItem(TenantId tenantId, String email, String name, Role role, UserId invitedBy,
                             String secretHash, Instant createdAt, Instant updatedAt, long version, long expiresAt) {
    public static final String ENTITY_TYPE = "INVITATION";

    public static final EntityModel<InvitationItem> MODEL = EntityModel.of(InvitationItem.class, ENTITY_TYPE)
            .required("tenantId", "email", "name", "role", "invitedBy", "secretHash")
            .readOnly("tenantId", "email")
            .attribute("expiresAt", Long.class, a -> a.storedAs(TableDefinition.TTL_ATTRIBUTE))
            .timestamps("createdAt", "updatedAt").versioned()
            .key(InvitationItem::key)
            .build();

    public InvitationItem {
        Objects.requireNonNull(tenantId, "tenantId");
        email = email == null ? null : Keys.normalizeEmail(email);
        createdAt = Timestamps.truncate(createdAt);
        updatedAt = updatedAt == null ? createdAt : Timestamps.truncate(updatedAt);
    }

    /** A tenant's pending invitations (expired ones included until TTL removes them), by email; consistent. */
    public static Query<InvitationItem> ofTenant(TenantId tenant) {
        return MODEL.query(null, Keys.invitationsCollection(tenant)).consistent();
    }

    public TableKey key() {
        return Keys.invitation(tenantId, email);
    }

    public Instant expiry() {
        return Instant.ofEpochSecond(expiresAt);
    }

    /** Whether it can still be accepted at {@code now}. */
    public boolean isPendingAt(Instant now) {
        return now.isBefore(expiry());
    }
}
