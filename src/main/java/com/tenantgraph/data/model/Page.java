package com.tenantgraph.data.model;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a list: the items with their positions (what a cursor carries, signed, to resume after that item) and
 * whether more items follow. A page asks DynamoDB for one item more than it returns, to know that.
 */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage) {
    public Page {
        edges = List.copyOf(edges);
    }

    /** An item and its position in the query. */
    public record Edge<T>(T node, Map<String, AttributeValue> position) {
    }

    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }
}
