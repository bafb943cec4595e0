package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorMapper;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.introspection.Introspection;
import graphql.parser.ParserOptions;
import java.util.List;
import java.util.Map;

/**
 * How an operation is executed: the one {@link GraphQL} object of a container, built once at init from the wired
 * schema, with the error mapping, the parsed-document cache, the depth and cost limits and the read deadline
 * ({@link RequestDeadline#READS}). Each request brings
 * its own context and DataLoader registry ({@link RequestContext}).
 */
public final class Execution {
    private Execution() {
    }

    public static GraphQL graphQl(GraphQLSchema schema, QueryLimits limits, FieldCost cost) {
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorMapper())
                .preparsedDocumentProvider(new DocumentCache(schema, limits.maxAliases()))
                .instrumentation(new Limits(limits, cost, true))
                .build();
    }

    /**
     * The same, for executing a subscription's document against one change event (the specification's "map source
     * event to response"): the subscription operation runs with the query strategy, so its root field returns the
     * event's payload and the selection below it resolves as any query's would. Subscribing itself (the source
     * stream) goes through {@link #graphQl}.
     */
    public static GraphQL subscriptionEvents(GraphQLSchema schema, QueryLimits limits, FieldCost cost) {
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorMapper())
                .subscriptionExecutionStrategy(new AsyncExecutionStrategy(new ErrorMapper()))
                .preparsedDocumentProvider(new DocumentCache(schema, limits.maxAliases()))
                .instrumentation(new Limits(limits, cost, false))
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

    /**
     * The depth and cost limits, applied to operations that read data (see {@link #isIntrospectionOnly}), and for
     * requests the read deadline before each fetcher that reads ({@link RequestDeadline#READS}). One instrumentation
     * calling the three in turn rather than graphql-java's {@code ChainedInstrumentation} of them: a chain wraps every
     * callback of every field in contexts of its own (40 classes more at a cold start, and work on each field of each
     * request) for two checks made once per operation and one wrapper of the fetchers that read.
     */
    private static final class Limits extends SimplePerformantInstrumentation {
        private final QueryLimits limits;
        private final FieldCost cost;
        private final boolean readDeadline;

        Limits(QueryLimits limits, FieldCost cost, boolean readDeadline) {
            this.limits = limits;
            this.cost = cost;
            this.readDeadline = readDeadline;
        }

        /**
         * Aborts the operation before any resolver runs when it is deeper than the limit, when its cost is over the
         * budget, or when an argument the cost depends on is invalid, in that order: both numbers come from one walk
         * of the operation once it is validated and its variables coerced ({@link OperationSize}).
         */
        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext execution = parameters.getExecutionContext();
            if (isIntrospectionOnly(execution.getOperationDefinition())) {
                return SimpleInstrumentationContext.noOp();
            }
            OperationSize size = OperationSize.of(execution.getGraphQLSchema(), execution.getOperationDefinition(),
                    execution.getFragmentsByName(), execution.getCoercedVariables(), cost);
            try {
                limits.requireShallow(size.depth());
                limits.requireAffordable(size.cost());
            } catch (ApiException refused) {
                throw new AbortExecutionException(List.of(ErrorMapper.toGraphQlError(refused, null, null)));
            }
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters
                parameters, InstrumentationState state) {
            return readDeadline ? RequestDeadline.READS.instrumentDataFetcher(fetcher, parameters, state) : fetcher;
        }
    }
}
