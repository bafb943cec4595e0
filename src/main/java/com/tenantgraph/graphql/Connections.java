package com.tenantgraph.graphql;

import com.tenantgraph.data.model.Page;
import com.tenantgraph.graphql.pagination.CursorCodec;
import com.tenantgraph.graphql.pagination.PageArguments;
import com.tenantgraph.pipeline.RequestContext;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Relay connections over the pages of the data layer: {@code first} checked (0 to 100), {@code after} verified by the
 * cursor codec against the caller's tenant and this list's binding, one Query per connection on the I/O executor
 * (so sibling connections, such as the tasks of each project of a page, run concurrently), and an edge cursor signed
 * for every item.
 */
final class Connections {
    private Connections() {
    }

    /** Reads one page of a list. */
    @FunctionalInterface
    interface PageReader<T> {
        Page<T> read(int first, Map<String, AttributeValue> after);
    }

    /**
     * The connection of {@code binding}: the field and everything that selects the list (parent, filter, sort), so a
     * cursor of one list is refused by any other.
     */
    static <T> CompletableFuture<Map<String, Object>> of(DataFetchingEnvironment env, CursorCodec cursors,
                                                          Executor io, String binding, PageReader<T> reader) {
        RequestContext context = RequestContext.of(env);
        int first = PageArguments.first(env.getArgument("first"));
        Map<String, AttributeValue> after = cursors.decode(context.tenant(), binding, env.getArgument("after"));
        return CompletableFuture.supplyAsync(() -> reader.read(first, after), io)
                .thenApply(page -> connection(page, position -> cursors.encode(context.tenant(), binding, position)));
    }

    static <T> Map<String, Object> connection(Page<T> page,
                                              java.util.function.Function<Map<String, AttributeValue>, String> sign) {
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Page.Edge<T> edge : page.edges()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("cursor", sign.apply(edge.position()));
            e.put("node", edge.node());
            edges.add(e);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", page.hasNextPage());
        pageInfo.put("hasPreviousPage", false);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        // a page that stopped early resumes past its last edge: endCursor is where the next page starts
        pageInfo.put("endCursor", page.resumeAfter() != null ? sign.apply(page.resumeAfter())
                : edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    /** A filter value in a binding: its name, or * for none. */
    static String part(Object value) {
        return value == null ? "*" : value.toString();
    }
}
