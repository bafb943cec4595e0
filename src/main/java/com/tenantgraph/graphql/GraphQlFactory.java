package com.tenantgraph.graphql;

import com.tenantgraph.pipeline.DocumentCache;
import com.tenantgraph.pipeline.QueryLimits;

import com.tenantgraph.errors.ErrorMapper;
import graphql.ExecutionResult;
import com.tenantgraph.graphql.DomainServices;
import com.tenantgraph.graphql.DomainWiring;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds the one {@link GraphQL} object of a container: schema.graphqls (the single source of truth) plus all the
 * wiring, in one place. Built once at init; each request brings its own context and DataLoader registry.
 */
public final class GraphQlFactory {
    public static final String SCHEMA_RESOURCE = "/schema.graphqls";

    private GraphQlFactory() {
    }

    /** The GraphQL object with the domain and any further wiring from the composition root (administration). */
    public static GraphQL create(QueryLimits limits, DomainServices domain,
                                 UnaryOperator<RuntimeWiring.Builder> moreWiring) {
        GraphQLSchema schema = schema(domain, moreWiring);
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorMapper())
                .preparsedDocumentProvider(new DocumentCache(limits.maxAliases()))
                .instrumentation(new DataLimits(limits))
                .build();
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

    /** The executable schema: schema.graphqls and all its wiring. */
    public static GraphQLSchema schema(DomainServices domain, UnaryOperator<RuntimeWiring.Builder> moreWiring) {
        return new SchemaGenerator().makeExecutableSchema(typeRegistry(), wiring(domain, moreWiring));
    }

    static RuntimeWiring wiring(DomainServices domain, UnaryOperator<RuntimeWiring.Builder> moreWiring) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(Scalars.DATE_TIME)
                .type("Query", t -> t
                        .dataFetcher("me", QueryResolvers.me())
                        .dataFetcher("tenant", QueryResolvers.tenant()))
                .type("Tenant", t -> t
                        .dataFetcher("id", TypeResolvers.tenantId()))
                .type("User", t -> t
                        .dataFetcher("id", TypeResolvers.userId()))
                .type("Node", t -> t.typeResolver(env -> {
                    String typeName = DomainWiring.typeName(env.getObject());
                    return typeName == null ? null : env.getSchema().getObjectType(typeName);
                }));
        return moreWiring.apply(DomainWiring.register(wiring, domain)).build();
    }

    /**
     * Parses schema.graphqls ahead of {@link #create}, so init can do it beside building the SDK clients. Parsed once
     * per container; each {@code create} works on its own copy.
     */
    public static void preload() {
        ParsedSchema.REGISTRY.getClass();
    }

    private static TypeDefinitionRegistry typeRegistry() {
        return new TypeDefinitionRegistry().merge(ParsedSchema.REGISTRY);
    }

    /** Lazy holder: the class initialises, and parses, on first use. */
    private static final class ParsedSchema {
        static final TypeDefinitionRegistry REGISTRY = parse();
    }

    private static TypeDefinitionRegistry parse() {
        try (InputStream in = GraphQlFactory.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return new SchemaParser().parse(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }
}
