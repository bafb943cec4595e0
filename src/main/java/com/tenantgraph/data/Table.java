package com.tenantgraph.data;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The one table and its client: repositories share it. Raw access stays here and in the repositories; nothing above
 * the data layer sees an AWS SDK type.
 */
public final class Table {
    private final DynamoDbClient client;
    private final String name;

    public Table(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    /** A strongly consistent GetItem: every "by id" read and the membership check use one. */
    public Optional<Map<String, AttributeValue>> getConsistent(TableKey key, String operation) {
        Map<String, AttributeValue> item = DynamoDbErrors.call(operation, () -> client.getItem(GetItemRequest.builder()
                .tableName(name).key(key.toAttributeMap()).consistentRead(true).build())).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
