package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorMapper;
import graphql.AssertException;
import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.GoodFaithIntrospectionExceeded;
import graphql.validation.OperationValidationRule;
import graphql.validation.QueryComplexityLimits;
import graphql.validation.ValidationError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Parses and validates each distinct query once per container (a bounded LRU of valid documents: a front end sends
 * the same few queries again and again) and refuses documents with too many aliases, a cheap amplification vector the
 * depth and complexity limits do not see.
 *
 * <p>A document is parsed by {@link QueryParser} (graphql-java's AST without its ANTLR parser, which costs a cold
 * start's first request about 100 ms) and validated here as graphql-java's own parse-and-validate step validates
 * it; a document QueryParser declines goes through graphql-java's step, parse and validation, as before. The step
 * also offers an instrumentation {@code beginParse}, {@code beginValidation} and {@code instrumentDocumentAndVariables};
 * the one instrumentation of this API ({@code Execution.Limits}) implements none of them, so skipping them on the
 * fast path changes nothing ({@code DocumentCacheTest} holds the two paths to the same answers).
 */
final class DocumentCache implements PreparsedDocumentProvider {
    private static final int MAX_ENTRIES = 500;

    private final GraphQLSchema schema;
    private final int maxAliases;
    private final Map<String, PreparsedDocumentEntry> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
                    return size() > MAX_ENTRIES;
                }
            });

    DocumentCache(GraphQLSchema schema, int maxAliases) {
        this.schema = schema;
        this.maxAliases = maxAliases;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry cached = cache.get(input.getQuery());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        PreparsedDocumentEntry entry = limitAliases(parseAndValidate(input, parseAndValidate));
        if (!entry.hasErrors()) {
            cache.put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /**
     * The document of the input's query, parsed by {@link QueryParser} with the execution's parser options and
     * validated as graphql-java's {@code GraphQL#validate} (graphql-java 26.0) does: with the context's rule predicate,
     * complexity limits and good-faith introspection setting, and the input's locale. When QueryParser declines the
     * document, graphql-java's own step ({@code graphQlJava}) parses and validates it.
     */
    private PreparsedDocumentEntry parseAndValidate(ExecutionInput input,
                                                    Function<ExecutionInput, PreparsedDocumentEntry> graphQlJava) {
        GraphQLContext context = input.getGraphQLContext();
        Document document = QueryParser.tryParse(input.getQuery(),
                context.getOrDefault(ParserOptions.class, ParserOptions.getDefaultOperationParserOptions()));
        if (document == null) {
            try {
                return graphQlJava.apply(input);
            } catch (NumberFormatException | AssertException failure) {
                return new PreparsedDocumentEntry(
                        ErrorMapper.toGraphQlError(QueryParser.asBadInput(failure), null, null));
            }
        }
        Predicate<OperationValidationRule> rules =
                context.getOrDefault(ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT, rule -> true);
        if (!GoodFaithIntrospection.isEnabled(context)) {
            rules = rules.and(rule -> rule != OperationValidationRule.GOOD_FAITH_INTROSPECTION);
        }
        try {
            List<ValidationError> errors = ParseAndValidate.validate(schema, document, rules, input.getLocale(),
                    context.get(QueryComplexityLimits.KEY));
            return errors.isEmpty() ? new PreparsedDocumentEntry(document) : new PreparsedDocumentEntry(document, errors);
        } catch (GoodFaithIntrospectionExceeded badFaith) {
            return new PreparsedDocumentEntry(document, List.of(badFaith.toBadFaithError()));
        }
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
