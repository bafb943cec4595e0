package com.tenantgraph.data.model;

import com.tenantgraph.data.DynamoDbErrors;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The one fluent query of the repositories: a partition, an optional sort-key condition (every filter is a key
 * condition; there is no filter expression and no Scan), the table or a GSI, a limit and a start key. It keeps
 * querying from {@code LastEvaluatedKey} until the page is full or the partition ends (a Query returns at most 1 MB),
 * so a page is short only at the end of the list.
 *
 * <pre>
 * Query.on(table).index("GSI2").partition(pk).sortBeginsWith("TODO#").limit(21).startAfter(key).fetch()
 * </pre>
 */
public final class Query {
    private final Table table;
    private String index;
    private String partition;
    private String sortOperator;
    private String sortValue;
    private int limit = 20;
    private Map<String, AttributeValue> startAfter;
    private boolean consistent;

    private Query(Table table) {
        this.table = table;
    }

    public static Query on(Table table) {
        return new Query(table);
    }

    /** A GSI (eventually consistent); without it, the base table. */
    public Query index(String name) {
        this.index = name;
        return this;
    }

    public Query partition(String value) {
        this.partition = value;
        return this;
    }

    public Query sortBeginsWith(String prefix) {
        return sort("begins_with", prefix);
    }

    public Query sortLessThan(String value) {
        return sort("<", value);
    }

    private Query sort(String operator, String value) {
        this.sortOperator = operator;
        this.sortValue = value;
        return this;
    }

    public Query limit(int limit) {
        this.limit = limit;
        return this;
    }

    /**
     * Continue after this position (DynamoDB's ExclusiveStartKey); null starts at the beginning. Positions come from
     * signed cursors, and are still checked to be a position of this very query (same attributes, same partition):
     * BAD_USER_INPUT on {@code after} otherwise. Set the partition first.
     */
    public Query startAfter(Map<String, AttributeValue> position) {
        if (position != null && (!position.keySet().equals(new java.util.HashSet<>(positionAttributes()))
                || position.values().stream().anyMatch(v -> v == null || v.s() == null)
                || !position.get(partitionAttribute()).s().equals(partition))) {
            throw com.tenantgraph.errors.ApiException.badInput("after", "The cursor does not belong to this list");
        }
        this.startAfter = position;
        return this;
    }

    /** Up to {@code first} items and whether more follow, each with its position (for its cursor). */
    public <T> Page<T> page(int first, java.util.function.Function<Map<String, AttributeValue>, T> mapper) {
        limit(first + 1);
        List<Map<String, AttributeValue>> items = fetch();
        List<Page.Edge<T>> edges = new ArrayList<>();
        for (int i = 0; i < Math.min(first, items.size()); i++) {
            edges.add(new Page.Edge<>(mapper.apply(items.get(i)), positionOf(items.get(i))));
        }
        return new Page<>(edges, items.size() > first);
    }

    /** A consistent read (base table only). */
    public Query consistent() {
        this.consistent = true;
        return this;
    }

    public String partitionAttribute() {
        return index == null ? TableKey.PK : index + "PK";
    }

    public String sortAttribute() {
        return index == null ? TableKey.SK : index + "SK";
    }

    /** The attributes that make up a position in this query: the index keys and the table key. */
    public List<String> positionAttributes() {
        return index == null ? List.of(TableKey.PK, TableKey.SK)
                : List.of(partitionAttribute(), sortAttribute(), TableKey.PK, TableKey.SK);
    }

    /** The position of an item in this query, as ExclusiveStartKey wants it. */
    public Map<String, AttributeValue> positionOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> position = new HashMap<>();
        positionAttributes().forEach(name -> position.put(name, item.get(name)));
        return position;
    }

    /** Up to {@code limit} items in sort-key order. */
    public List<Map<String, AttributeValue>> fetch() {
        if (partition == null) {
            throw new IllegalStateException("a query needs a partition");
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> from = startAfter;
        do {
            QueryResponse response = DynamoDbErrors.call("Query", request(from, limit - items.size()));
            items.addAll(response.items());
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (from != null && items.size() < limit);
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    private java.util.function.Supplier<QueryResponse> request(Map<String, AttributeValue> from, int wanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", partitionAttribute());
        values.put(":pk", AttributeValue.fromS(partition));
        String condition = "#pk = :pk";
        if (sortOperator != null) {
            names.put("#sk", sortAttribute());
            values.put(":sk", AttributeValue.fromS(sortValue));
            condition += sortOperator.equals("begins_with") ? " AND begins_with(#sk, :sk)" : " AND #sk " + sortOperator
                    + " :sk";
        }
        QueryRequest request = QueryRequest.builder().tableName(table.name()).indexName(index)
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .exclusiveStartKey(from).limit(wanted).consistentRead(consistent ? Boolean.TRUE : null).build();
        return () -> table.client().query(request);
    }
}
