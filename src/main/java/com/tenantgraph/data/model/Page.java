package com.tenantgraph.data.model;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a list: the items with their positions (what a cursor carries, signed, to resume after that item) and
 * whether more items follow. A page asks DynamoDB for one item more than it returns, to know that. A page that had to
 * stop before it was full (a list that skips items, {@code graphql/LiveTasks}) carries {@code resumeAfter}: the
 * position the next page starts after, beyond its last edge; null otherwise.
 */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, Map<String, AttributeValue> resumeAfter) {
    public Page {
        edges = List.copyOf(edges);
    }

    /** A page whose next page starts after its last edge (every page a Query makes). */
    public Page(List<Edge<T>> edges, boolean hasNextPage) {
        this(edges, hasNextPage, null);
    }

    /** An item and its position in the query. */
    public record Edge<T>(T node, Map<String, AttributeValue> position) {
    }

    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }
}
