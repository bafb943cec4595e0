package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;

/**
 * The record of a create that carried a {@code clientMutationId}: item
 * {@code TENANT#<t>#IDEMPOTENCY#<sha256hex(clientMutationId)> / IDEMPOTENCY}, written in the create's own
 * transaction. A retry with the same id and the same input finds it and returns the first result. It expires after
 * a day ({@code expiresAt}, epoch seconds, DynamoDB TTL); TTL deletes lazily, so readers check it themselves.
 */
public record IdempotencyRecord(TenantId tenantId, String keyHash, String operation, String userId,
                                String requestHash, String resultPk, String resultSk, Instant createdAt,
                                long expiresAt) {
    public static final String ENTITY_TYPE = "IDEMPOTENCY";
    public static final long LIFETIME_SECONDS = 86_400;

    public static final EntityModel<IdempotencyRecord> MODEL = EntityModel.of(IdempotencyRecord.class, ENTITY_TYPE)
            .required("tenantId", "keyHash", "operation", "userId", "requestHash", "resultPk", "resultSk")
            .attribute("resultPk", String.class, a -> a.storedAs("resultPK"))
            .attribute("resultSk", String.class, a -> a.storedAs("resultSK"))
            .attribute("expiresAt", Long.class, a -> a.storedAs(TableDefinition.TTL_ATTRIBUTE))
            .timestamps("createdAt", null)
            .key(r -> Keys.idempotency(r.tenantId, r.keyHash))
            .build();

    public TableKey resultKey() {
        return new TableKey(resultPk, resultSk);
    }

    public boolean expired(Instant now) {
        return expiresAt <= now.getEpochSecond();
    }
}
