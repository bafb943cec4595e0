package com.tenantgraph.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items by table key with BatchGetItem: chunks of 100 keys, UnprocessedKeys retried with exponential backoff and
 * full jitter, results returned in the order of the keys with null for a missing item. The request's one DataLoader
 * (shared by every type) calls this once per level of nesting. Keys come only from {@link Keys}, so they are always
 * inside the caller's tenant.
 */
public final class BatchGetter implements ItemReader {
    static final int MAX_KEYS_PER_REQUEST = 100;
    private static final int MAX_ATTEMPTS = 6;
    private static final long BASE_BACKOFF_MILLIS = 20;

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
                backoff(attempt);
            }
            KeysAndAttributes request = pending;
            BatchGetItemResponse response = DynamoDbErrors.call("BatchGetItem", () -> table.client().batchGetItem(
                    BatchGetItemRequest.builder().requestItems(Map.of(table.name(), request)).build()));
            response.responses().getOrDefault(table.name(), List.of())
                    .forEach(item -> found.put(TableKey.of(item), item));
            pending = response.unprocessedKeys().get(table.name());
        }
    }

    private static void backoff(int attempt) {
        long cap = BASE_BACKOFF_MILLIS << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("BatchGetItem interrupted", e);
        }
    }
}
