package com.tenantgraph.data;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Creates tenants and memberships, each in one all-or-nothing transaction: the tenant, its first ADMIN, the email
 * marker and the operators' registry entry land together or not at all, and every put is conditional on the item not
 * existing, so a retry creates nothing twice. Used by the operator bootstrap, sign-up provisioning and local seeding.
 */
public final class TenantProvisioning {
    private static final String NOT_EXISTS = "attribute_not_exists(" + TableKey.PK + ")";

    private final Table table;

    public TenantProvisioning(Table table) {
        this.table = table;
    }

    /** Creates the tenant with {@code admin} as its first ADMIN; fails with ConditionFailed if any part exists. */
    public void createTenantWithAdmin(TenantItem tenant, UserItem admin) {
        requireSameTenant(tenant.tenantId(), admin);
        if (admin.role() != Role.ADMIN) {
            throw new IllegalArgumentException("the first user of a tenant must be an ADMIN");
        }
        TenantItem counted = tenant.toBuilder().adminCount(1).build();
        List<TransactWriteItem> writes = List.of(
                put(TenantItem.SCHEMA.itemToMap(counted, true)),
                put(UserItem.SCHEMA.itemToMap(admin, true)),
                put(emailMarker(admin)),
                put(registryEntry(counted)));
        transact("CreateTenant", writes);
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
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(UserItem.SCHEMA.itemToMap(member, true)));
        writes.add(put(emailMarker(member)));
        writes.add(member.role() == Role.ADMIN ? incrementAdminCount(member.tenantId()) : tenantExists(member.tenantId()));
        transact("AddMember", writes);
    }

    private void transact(String operation, List<TransactWriteItem> writes) {
        DynamoDbErrors.call(operation, () -> table.client().transactWriteItems(
                TransactWriteItemsRequest.builder().transactItems(writes).build()));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        ItemSize.check(item);
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression(NOT_EXISTS).build()).build();
    }

    private TransactWriteItem tenantExists(TenantId tenant) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(Keys.tenant(tenant).toAttributeMap())
                .conditionExpression("attribute_exists(" + TableKey.PK + ")").build()).build();
    }

    private TransactWriteItem incrementAdminCount(TenantId tenant) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                .key(Keys.tenant(tenant).toAttributeMap())
                .conditionExpression("attribute_exists(" + TableKey.PK + ")")
                .updateExpression("ADD adminCount :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .build()).build();
    }

    private static Map<String, AttributeValue> emailMarker(UserItem user) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.emailMarker(user.tenantId(), user.email()).toAttributeMap());
        item.put(Attributes.ENTITY_TYPE, AttributeValue.fromS("EMAIL"));
        item.put("tenantId", AttributeValue.fromS(user.tenantId().value()));
        item.put("userId", AttributeValue.fromS(user.userId().value()));
        return item;
    }

    private static Map<String, AttributeValue> registryEntry(TenantItem tenant) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.registryEntry(tenant.tenantId()).toAttributeMap());
        item.put(Attributes.ENTITY_TYPE, AttributeValue.fromS("TENANT_REGISTRY"));
        item.put("name", AttributeValue.fromS(tenant.name()));
        item.put("plan", AttributeValue.fromS(tenant.plan().name()));
        item.put("createdAt", AttributeValue.fromS(Timestamps.format(tenant.createdAt())));
        return item;
    }

    private static void requireSameTenant(TenantId tenant, UserItem user) {
        if (!tenant.equals(user.tenantId())) {
            throw new IllegalArgumentException("user belongs to another tenant");
        }
    }
}
