package com.tenantgraph.graphql;

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

/**
 * The executable schema: schema.graphqls (the single source of truth for the API surface) with all its wiring, one
 * {@code register} per area of the schema. Each area adds its Query fields, its types' fields and its Mutation
 * fields (every one through {@link com.tenantgraph.pipeline.Guard#mutation}); graphql-java merges the fields that
 * several areas add to one type. Executed by the pipeline ({@link com.tenantgraph.pipeline.Execution}).
 */
public final class Schema {
    public static final String SCHEMA_RESOURCE = "/schema.graphqls";

    private Schema() {
    }

    public static GraphQLSchema executable(Services services) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(Scalars.DATE_TIME)
                .scalar(Scalars.DATE);
        NodeWiring.register(wiring);
        TenantWiring.register(wiring, services);
        UserWiring.register(wiring, services);
        ProjectWiring.register(wiring, services);
        TaskWiring.register(wiring, services);
        CommentWiring.register(wiring, services);
        SubscriptionWiring.register(wiring);
        return new SchemaGenerator().makeExecutableSchema(typeRegistry(), wiring.build());
    }

    /**
     * Parses schema.graphqls ahead of {@link #executable} (the bench's init breakdown times the parse on its own).
     * Parsed once per container; each {@code executable} works on its own copy.
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
        try (InputStream in = Schema.class.getResourceAsStream(SCHEMA_RESOURCE)) {
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
