package com.tenantgraph.data;

import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Changes to the tenant item that a tenant's ADMIN makes. The tenant is always the caller's, passed first. */
public final class TenantWrites {
    private final Table table;

    public TenantWrites(Table table) {
        this.table = table;
    }

    /**
     * Renames the tenant if its version is still {@code expectedVersion}: one conditional UpdateItem returning the new
     * item.
     *
     * @throws StaleTenantException when the version moved (or the tenant does not exist: current version null)
     */
    public TenantItem rename(TenantId tenant, String name, long expectedVersion, Instant now) {
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table.name())
                .key(Keys.tenant(tenant).toAttributeMap())
                .updateExpression("SET #name = :name, updatedAt = :now, #version = #version + :one")
                .conditionExpression("#version = :expected")
                .expressionAttributeNames(Map.of("#name", "name", "#version", Attributes.VERSION))
                .expressionAttributeValues(Map.of(
                        ":name", AttributeValue.fromS(name),
                        ":now", AttributeValue.fromS(Timestamps.format(now)),
                        ":one", AttributeValue.fromN("1"),
                        ":expected", AttributeValue.fromN(Long.toString(expectedVersion))))
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        try {
            return TenantItem.SCHEMA.mapToItem(table.client().updateItem(request).attributes());
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : null;
            Long version = old != null && old.containsKey(Attributes.VERSION)
                    ? Long.valueOf(old.get(Attributes.VERSION).n()) : null;
            throw new StaleTenantException("RenameTenant: version moved", version, e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("RenameTenant", e);
        }
    }

    /** The tenant's version moved since the caller read it; {@code currentVersion} when DynamoDB said. */
    public static final class StaleTenantException extends DataAccessException.ConditionFailedException {
        private static final long serialVersionUID = 1L;
        private final Long currentVersion;

        StaleTenantException(String message, Long currentVersion, Throwable cause) {
            super(message, cause);
            this.currentVersion = currentVersion;
        }

        public Long currentVersion() {
            return currentVersion;
        }
    }
}
