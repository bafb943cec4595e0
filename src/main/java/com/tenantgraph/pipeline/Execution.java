package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ErrorMapper;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.introspection.Introspection;
import graphql.parser.ParserOptions;
import java.util.List;
import java.util.Map;

/**
 * How an operation is executed: the one {@link GraphQL} object of a container, built once at init from the wired
 * schema, with the error mapping, the parsed-document cache and the depth and complexity limits. Each request brings
 * its own context and DataLoader registry ({@link RequestContext}).
 */
public final class Execution {
    private Execution() {
    }

    public static GraphQL graphQl(GraphQLSchema schema, QueryLimits limits) {
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorMapper())
                .preparsedDocumentProvider(new DocumentCache(limits.maxAliases()))
                .instrumentation(new DataLimits(limits))
                .build();
    }

    /**
     * The same, for executing a subscription's document against one change event (the specification's "map source
     * event to response"): the subscription operation runs with the query strategy, so its root field returns the
     * event's payload and the selection below it resolves as any query's would. Subscribing itself (the source
     * stream) goes through {@link #graphQl}.
     */
    public static GraphQL subscriptionEvents(GraphQLSchema schema, QueryLimits limits) {
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorMapper())
                .subscriptionExecutionStrategy(new AsyncExecutionStrategy(new ErrorMapper()))
                .preparsedDocumentProvider(new DocumentCache(limits.maxAliases()))
                .instrumentation(new DataLimits(limits))
                .build();
    }

    /**
     * What every execution's context starts with: whether introspection is refused, and the parser's token limit
     * (the same for HTTP requests and subscriptions).
     */
    static Map<Object, Object> settings(QueryLimits limits, boolean introspectionEnabled) {
        return Map.of(Introspection.INTROSPECTION_DISABLED, !introspectionEnabled,
                ParserOptions.class, ParserOptions.getDefaultOperationParserOptions()
                        .transform(options -> options.maxTokens(limits.maxTokens())));
    }

    /**
     * True when every root field is a meta field ({@code __schema}, {@code __type}, {@code __typename}). Such an
     * operation reads no data; graphql-java's good-faith introspection rules bound it (each of __schema and __type at
     * most once, at most 500 fields and 20 levels), and GraphiQL's own introspection query nests 13 levels deep, more
     * than a data query needs, so the depth and complexity limits apply only to operations that read data.
     */
    static boolean isIntrospectionOnly(OperationDefinition operation) {
        return operation.getSelectionSet().getSelections().stream()
                .allMatch(selection -> selection instanceof Field field && field.getName().startsWith("__"));
    }

    /** The depth and complexity limits, applied to operations that read data (see {@link #isIntrospectionOnly}). */
    private static final class DataLimits extends ChainedInstrumentation {
        DataLimits(QueryLimits limits) {
            super(List.of(new MaxQueryDepthInstrumentation(limits.maxDepth()),
                    new MaxQueryComplexityInstrumentation(limits.maxComplexity())));
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            if (isIntrospectionOnly(parameters.getExecutionContext().getOperationDefinition())) {
                return SimpleInstrumentationContext.noOp();
            }
            return super.beginExecuteOperation(parameters, state);
        }
    }
}
