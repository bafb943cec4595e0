package com.tenantgraph.data.model;

import com.tenantgraph.data.TableKey;
import com.tenantgraph.errors.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A typed query of one model: a partition of the table or of one GSI and at most one sort-key condition. Key
 * conditions only: there is no filter expression (which could empty a page) and no Scan. Immutable: each step returns
 * a new query, and a query never executes itself; the data layer runs it ({@code Table.page}, {@code Table.all}),
 * reading on from {@code LastEvaluatedKey} until the page is full, so a page is short only at the end of the list.
 * Access patterns are named static methods on the entity's record that return one:
 *
 * <pre>
 * table.page(TaskItem.byStatus(tenant, projectId, TaskStatus.TODO).page(20, after))
 * </pre>
 */
public final class Query<T extends Record> {
    private final EntityModel<T> model;
    private final String index;
    private final String partition;
    private final String sortOperator;
    private final String sortValue;
    private final boolean consistent;
    private final int limit;
    private final Map<String, AttributeValue> after;

    private Query(EntityModel<T> model, String index, String partition, String sortOperator, String sortValue,
                  boolean consistent, int limit, Map<String, AttributeValue> after) {
        this.model = model;
        this.index = index;
        this.partition = partition;
        this.sortOperator = sortOperator;
        this.sortValue = sortValue;
        this.consistent = consistent;
        this.limit = limit;
        this.after = after;
    }

    static <T extends Record> Query<T> of(EntityModel<T> model, String index, String partition) {
        if (partition == null || partition.isEmpty()) {
            throw new IllegalArgumentException("a query needs a partition");
        }
        return new Query<>(model, index, partition, null, null, false, 20, null);
    }

    public Query<T> beginsWith(String prefix) {
        return new Query<>(model, index, partition, "begins_with", prefix, consistent, limit, after);
    }

    public Query<T> lessThan(String value) {
        return new Query<>(model, index, partition, "<", value, consistent, limit, after);
    }

    /** A strongly consistent read (the base table only: a GSI cannot give one). */
    public Query<T> consistent() {
        if (index != null) {
            throw new IllegalStateException("a GSI read cannot be consistent");
        }
        return new Query<>(model, index, partition, sortOperator, sortValue, true, limit, after);
    }

    /** At most {@code limit} items per fetch. */
    public Query<T> limit(int limit) {
        return new Query<>(model, index, partition, sortOperator, sortValue, consistent, limit, after);
    }

    /**
     * One page: {@code first} items after position {@code after} (null: from the start). Positions come from signed
     * cursors and are still checked to be a position of this very query (same attributes, same partition):
     * BAD_USER_INPUT on {@code after} otherwise.
     */
    public Query<T> page(int first, Map<String, AttributeValue> after) {
        if (after != null && (!after.keySet().equals(new HashSet<>(positionAttributes()))
                || after.values().stream().anyMatch(v -> v == null || v.s() == null)
                || !after.get(partitionAttribute()).s().equals(partition))) {
            throw ApiException.badInput("after", "The cursor does not belong to this list");
        }
        return new Query<>(model, index, partition, sortOperator, sortValue, consistent, first, after);
    }

    public EntityModel<T> model() {
        return model;
    }

    public int limit() {
        return limit;
    }

    public Map<String, AttributeValue> after() {
        return after;
    }

    /** The entity an item of this query holds: partial when read from a GSI (its projection). */
    public T read(Map<String, AttributeValue> item) {
        return index == null ? model.fromItem(item).orElseThrow(() -> new IllegalStateException(
                "not a " + model.entityType() + " item")) : model.fromIndex(item);
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

    /** The request for up to {@code wanted} items from {@code from} (null: the start). */
    public QueryRequest request(String tableName, Map<String, AttributeValue> from, int wanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", partitionAttribute());
        values.put(":pk", AttributeValue.fromS(partition));
        String condition = "#pk = :pk";
        if (sortOperator != null) {
            names.put("#sk", sortAttribute());
            values.put(":sk", AttributeValue.fromS(sortValue));
            condition += sortOperator.equals("begins_with") ? " AND begins_with(#sk, :sk)"
                    : " AND #sk " + sortOperator + " :sk";
        }
        return QueryRequest.builder().tableName(tableName).indexName(index)
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .exclusiveStartKey(from).limit(wanted).consistentRead(consistent ? Boolean.TRUE : null).build();
    }
}
