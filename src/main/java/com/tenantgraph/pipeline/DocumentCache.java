package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorMapper;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Parses and validates each distinct query once per container (a bounded LRU of valid documents: a front end sends
 * the same few queries again and again) and refuses documents with too many aliases, a cheap amplification vector the
 * depth and complexity limits do not see.
 */
final class DocumentCache implements PreparsedDocumentProvider {
    private static final int MAX_ENTRIES = 500;

    private final int maxAliases;
    private final Map<String, PreparsedDocumentEntry> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                    return size() > MAX_ENTRIES;
                }
            });

    DocumentCache(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry cached = cache.get(input.getQuery());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = limitAliases(parseAndValidate.apply(input));
        if (!entry.hasErrors()) {
            cache.put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** The valid document of {@code query} when this container has parsed it before; null otherwise. */
    Document cachedDocument(String query) {
        PreparsedDocumentEntry cached = cache.get(query);
        return cached == null ? null : cached.getDocument();
    }

    private PreparsedDocumentEntry limitAliases(PreparsedDocumentEntry entry) {
        if (entry.hasErrors()) {
            return entry;
        }
        int aliases = countAliases(entry.getDocument());
        if (aliases <= maxAliases) {
            return entry;
        }
        ApiException tooMany = ApiException.badInput("query",
                "The query uses " + aliases + " aliases; the maximum is " + maxAliases);
        return new PreparsedDocumentEntry(ErrorMapper.toGraphQlError(tooMany, null, null));
    }

    static int countAliases(Document document) {
        AtomicInteger count = new AtomicInteger();
        new NodeTraverser().preOrder(new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field field, TraverserContext<Node> context) {
                if (field.getAlias() != null) {
                    count.incrementAndGet();
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return count.get();
    }
}
