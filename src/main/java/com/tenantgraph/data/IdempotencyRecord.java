package com.tenantgraph.data;

import com.tenantgraph.data.model.Attribute;
import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    private static final Attribute<IdempotencyRecord, String> TENANT =
            Attribute.<IdempotencyRecord, String>of("tenantId", Codec.STRING, r -> r.tenantId.value()).required();
    private static final Attribute<IdempotencyRecord, String> KEY_HASH =
            Attribute.of("keyHash", Codec.STRING, IdempotencyRecord::keyHash).required();
    private static final Attribute<IdempotencyRecord, String> OPERATION =
            Attribute.of("operation", Codec.STRING, IdempotencyRecord::operation).required();
    private static final Attribute<IdempotencyRecord, String> USER =
            Attribute.of("userId", Codec.STRING, IdempotencyRecord::userId).required();
    private static final Attribute<IdempotencyRecord, String> REQUEST_HASH =
            Attribute.of("requestHash", Codec.STRING, IdempotencyRecord::requestHash).required();
    private static final Attribute<IdempotencyRecord, String> RESULT_PK =
            Attribute.of("resultPK", Codec.STRING, IdempotencyRecord::resultPk).required();
    private static final Attribute<IdempotencyRecord, String> RESULT_SK =
            Attribute.of("resultSK", Codec.STRING, IdempotencyRecord::resultSk).required();
    private static final Attribute<IdempotencyRecord, Instant> CREATED_AT =
            Attribute.of("createdAt", Codec.INSTANT, IdempotencyRecord::createdAt);
    private static final Attribute<IdempotencyRecord, Long> EXPIRES_AT =
            Attribute.of(TableDefinition.TTL_ATTRIBUTE, Codec.LONG, IdempotencyRecord::expiresAt);

    public static final EntityModel<IdempotencyRecord> MODEL = EntityModel.of(ENTITY_TYPE,
            List.of(TENANT, KEY_HASH, OPERATION, USER, REQUEST_HASH, RESULT_PK, RESULT_SK, CREATED_AT, EXPIRES_AT),
            r -> Keys.idempotency(r.tenantId, r.keyHash), r -> Map.of(), IdempotencyRecord::read,
            new EntityModel.Audit("createdAt", null, null, false));

    public TableKey resultKey() {
        return new TableKey(resultPk, resultSk);
    }

    public boolean expired(Instant now) {
        return expiresAt <= now.getEpochSecond();
    }

    private static IdempotencyRecord read(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(TenantId.of(TENANT.read(item)), KEY_HASH.read(item), OPERATION.read(item),
                USER.read(item), REQUEST_HASH.read(item), RESULT_PK.read(item), RESULT_SK.read(item),
                CREATED_AT.read(item), EXPIRES_AT.read(item));
    }
}
