package com.tenantgraph.data;

import com.tenantgraph.data.model.Page;
import com.tenantgraph.data.model.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The one table and its client: every read goes through here (GetItem and the models' queries) and every write
 * through {@code Writes}; nothing above the data layer sees an AWS SDK type.
 */
public final class Table {
    private final Supplier<DynamoDbClient> client;
    private final String name;

    public Table(DynamoDbClient client, String name) {
        this(() -> client, name);
    }

    private Table(Supplier<DynamoDbClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    /**
     * The table over a client still being built (the GraphQL Lambda's init builds its SDK client beside the
     * schema); every call waits for it, and the composition root waits for it before init ends, so no request does.
     */
    public static Table whenBuilt(CompletableFuture<DynamoDbClient> client, String name) {
        return new Table(client::join, name);
    }

    public DynamoDbClient client() {
        return client.get();
    }

    public String name() {
        return name;
    }

    /** A strongly consistent GetItem: every "by id" read and the membership check use one. */
    public Optional<Map<String, AttributeValue>> getConsistent(TableKey key, String operation) {
        Map<String, AttributeValue> item = DynamoDbErrors.call(operation, () -> client().getItem(GetItemRequest.builder()
                .tableName(name).key(key.toAttributeMap()).consistentRead(true).build())).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Up to the query's limit of entities and whether more follow, each with its position (for its cursor). */
    public <T extends Record> Page<T> page(Query<T> query) {
        int first = query.limit();
        List<Map<String, AttributeValue>> items = fetch(query, query.after(), first + 1);
        List<Page.Edge<T>> edges = new ArrayList<>();
        for (int i = 0; i < Math.min(first, items.size()); i++) {
            edges.add(new Page.Edge<>(query.read(items.get(i)), query.positionOf(items.get(i))));
        }
        return new Page<>(edges, items.size() > first);
    }

    /** The first entities of the query, up to its limit. */
    public <T extends Record> List<T> first(Query<T> query) {
        return fetch(query, query.after(), query.limit()).stream().map(query::read).toList();
    }

    /** Every entity of the query, all pages (operators' reads of a bounded partition only). */
    public <T extends Record> List<T> all(Query<T> query) {
        return fetch(query, query.after(), Integer.MAX_VALUE).stream().map(query::read).toList();
    }

    private List<Map<String, AttributeValue>> fetch(Query<?> query, Map<String, AttributeValue> start, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> from = start;
        do {
            int wanted = (int) Math.min(Math.max(query.limit(), 1) + 1L, (long) limit - items.size());
            QueryRequest request = query.request(name, from, wanted);
            QueryResponse response = DynamoDbErrors.call("Query", () -> client().query(request));
            items.addAll(response.items());
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (from != null && items.size() < limit);
        return items.size() > limit ? items.subList(0, limit) : items;
    }
}
