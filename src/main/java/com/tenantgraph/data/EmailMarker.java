package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;

/**
 * Uniqueness of an email within a tenant (Cognito keeps emails unique across the pool): item
 * {@code TENANT#<t>#EMAIL#<email> / EMAIL}, written in the same transaction as the membership it belongs to and
 * deleted when the membership ends. {@code requestHash} (may be null) is the invitation request that created it, so
 * that a retried invitation with the same clientMutationId is recognised.
 */
public record EmailMarker(TenantId tenantId, String email, UserId userId, String requestHash) {
    public static final String ENTITY_TYPE = "EMAIL";

    public static final EntityModel<EmailMarker> MODEL = EntityModel.of(EmailMarker.class, ENTITY_TYPE)
            .required("tenantId", "email", "userId").readOnly("tenantId", "email", "userId")
            .key(EmailMarker::key)
            .build();

    public EmailMarker {
        email = email == null ? null : Keys.normalizeEmail(email);
    }

    /** The marker of a member's email. */
    public static EmailMarker of(UserItem user, String requestHash) {
        return new EmailMarker(user.tenantId(), user.email(), user.userId(), requestHash);
    }

    public TableKey key() {
        return Keys.emailMarker(tenantId, email);
    }
}
