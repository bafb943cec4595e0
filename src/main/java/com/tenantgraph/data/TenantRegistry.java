package com.tenantgraph.data;

import com.tenantgraph.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The operators' reads (docs/data-model.md §8): the tenant registry, the one documented partition outside any
 * tenant, and the users of one tenant. Used by the operator command line only, never by a GraphQL request (the
 * GraphQL function's IAM policy cannot even reach the registry). Queries, never a Scan.
 */
public final class TenantRegistry {
    private final Table table;

    public TenantRegistry(Table table) {
        this.table = table;
    }

    /** One registry entry: the tenant as it was provisioned. */
    public record Entry(String tenantId, String name, String plan, String createdAt) {
    }

    /** Every registered tenant, in tenant-id order (a consistent Query of the registry partition, all pages). */
    public List<Entry> tenants() {
        List<Entry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table.name())
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.registryPartition())))
                    .consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = DynamoDbErrors.call("QueryRegistry", () -> table.client().query(request.build()));
            page.items().forEach(item -> entries.add(new Entry(item.get(TableKey.SK).s().substring("TENANT#".length()),
                    text(item, "name"), text(item, "plan"), text(item, "createdAt"))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    /** Every user of {@code tenant} (GSI1: by role, status, email), tombstones included. */
    public List<UserItem> users(TenantId tenant) {
        List<UserItem> users = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table.name()).indexName(Keys.GSI1)
                    .keyConditionExpression("GSI1PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.usersCollection(tenant))));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = DynamoDbErrors.call("QueryUsers", () -> table.client().query(request.build()));
            page.items().forEach(item -> users.add(UserItem.SCHEMA.mapToItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return users;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "" : value.s();
    }
}
