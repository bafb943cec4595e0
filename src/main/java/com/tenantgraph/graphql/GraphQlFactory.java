package com.tenantgraph.graphql;

import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.graphql.domain.DomainServices;
import com.tenantgraph.graphql.domain.DomainWiring;
import graphql.GraphQL;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
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

/**
 * Builds the one {@link GraphQL} object of a container: schema.graphqls (the single source of truth) plus all the
 * wiring, in one place. Built once at init; each request brings its own context and DataLoader registry.
 */
public final class GraphQlFactory {
    public static final String SCHEMA_RESOURCE = "/schema.graphqls";

    private GraphQlFactory() {
    }

    public static GraphQL create(QueryLimits limits, DomainServices domain) {
        GraphQLSchema schema = schema(domain);
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(new ErrorMapper())
                .preparsedDocumentProvider(new DocumentCache(limits.maxAliases()))
                .instrumentation(new ChainedInstrumentation(List.of(
                        new MaxQueryDepthInstrumentation(limits.maxDepth()),
                        new MaxQueryComplexityInstrumentation(limits.maxComplexity()))))
                .build();
    }

    /** The executable schema: schema.graphqls and all its wiring. */
    public static GraphQLSchema schema(DomainServices domain) {
        return new SchemaGenerator().makeExecutableSchema(typeRegistry(), wiring(domain));
    }

    static RuntimeWiring wiring(DomainServices domain) {
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
        return DomainWiring.register(wiring, domain).build();
    }

    private static TypeDefinitionRegistry typeRegistry() {
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
