package com.tenantgraph.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items by table key with BatchGetItem: chunks of 100 keys, UnprocessedKeys retried after the data layer's one
 * {@link Backoff}, results returned in the order of the keys with null for a missing item. The request's one
 * DataLoader (shared by every type) calls this once per level of nesting. Keys come only from {@link Keys}, so they are always
 * inside the caller's tenant.
 */
public final class BatchGetter implements ItemReader {
    static final int MAX_KEYS_PER_REQUEST = 100;
    private static final int MAX_ATTEMPTS = 6;

    private final Table table;

    public BatchGetter(Table table) {
        this.table = table;
    }

    @Override
    public List<Map<String, AttributeValue>> getAll(List<TableKey> keys) {
        Map<TableKey, Map<String, AttributeValue>> found = new HashMap<>();
        List<TableKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_REQUEST) {
            fetchChunk(distinct.subList(from, Math.min(from + MAX_KEYS_PER_REQUEST, distinct.size())), found);
        }
        List<Map<String, AttributeValue>> ordered = new ArrayList<>(keys.size());
        keys.forEach(key -> ordered.add(found.get(key)));
        return ordered;
    }

    private void fetchChunk(List<TableKey> chunk, Map<TableKey, Map<String, AttributeValue>> found) {
        KeysAndAttributes pending = KeysAndAttributes.builder().consistentRead(true)
                .keys(chunk.stream().map(TableKey::toAttributeMap).toList()).build();
        for (int attempt = 1; pending != null && pending.hasKeys() && !pending.keys().isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new DataAccessException.ThrottledException(
                        "BatchGetItem: keys still unprocessed after " + MAX_ATTEMPTS + " attempts", null);
            }
            if (attempt > 1) {
                Backoff.pause(attempt - 1);
            }
            KeysAndAttributes request = pending;
            BatchGetItemResponse response = DynamoDbErrors.call("BatchGetItem", () -> table.client().batchGetItem(
                    BatchGetItemRequest.builder().requestItems(Map.of(table.name(), request)).build()));
            response.responses().getOrDefault(table.name(), List.of())
                    .forEach(item -> found.put(TableKey.of(item), item));
            pending = response.unprocessedKeys().get(table.name());
        }
    }
}
