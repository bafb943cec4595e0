package com.tenantgraph.graphql;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.List;

/**
 * The executable schema: the types of schema.graphqls (the single source of truth for the API surface) with all
 * their wiring, one {@code register} per area of the schema. Each area adds its Query fields, its types' fields and
 * its Mutation fields (every one through {@link com.tenantgraph.pipeline.Guard#mutation}); fields that several areas
 * add to one type are merged. Executed by the pipeline ({@link com.tenantgraph.pipeline.Execution}).
 *
 * <p>The types come from {@code SchemaTypes}, which the build generates from schema.graphqls
 * (src/build/java/com/tenantgraph/build/SchemaTypesGenerator.java), so a cold start builds them with graphql-java's
 * builders instead of parsing SDL and running its SDL-to-schema generator. What that generator would check of the
 * wiring against the SDL is checked here (every wired field is a field of the schema, every type resolver is for an
 * interface or union) or by graphql-java's build (every interface and union has a type resolver).
 * {@code SchemaTypesTest} holds that the result is the schema graphql-java builds from the SDL.
 */
public final class Schema {
    private Schema() {
    }

    public static GraphQLSchema executable(Services services) {
        return executable(wiring(services));
    }

    static GraphQLSchema executable(RuntimeWiring wiring) {
        GraphQLSchema schema = SchemaTypes.newSchema(wiring.getScalars())
                .codeRegistry(codeRegistry(wiring))
                .build();
        checkWiring(schema, wiring);
        return schema;
    }

    /** The resolvers of every area: data fetchers, the Node type resolver and the custom scalars. */
    static RuntimeWiring wiring(Services services) {
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
        return wiring.build();
    }

    private static GraphQLCodeRegistry codeRegistry(RuntimeWiring wiring) {
        GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry();
        wiring.getDataFetchers().forEach((type, fetchers) -> fetchers.forEach(
                (field, fetcher) -> code.dataFetcher(FieldCoordinates.coordinates(type, field), fetcher)));
        wiring.getTypeResolvers().forEach(code::typeResolver);
        return code.build();
    }

    /**
     * A wiring that names a field or type the schema lacks is a bug: fail init. (An interface or union left without
     * a type resolver already fails graphql-java's build of the schema.)
     */
    private static void checkWiring(GraphQLSchema schema, RuntimeWiring wiring) {
        List<String> problems = new ArrayList<>();
        wiring.getDataFetchers().forEach((type, fetchers) -> fetchers.keySet().forEach(field -> {
            if (!(schema.getType(type) instanceof GraphQLFieldsContainer container)
                    || container.getFieldDefinition(field) == null) {
                problems.add("a data fetcher for " + type + "." + field + ", which the schema does not have");
            }
        }));
        wiring.getTypeResolvers().keySet().forEach(type -> {
            if (!(schema.getType(type) instanceof GraphQLInterfaceType || schema.getType(type) instanceof GraphQLUnionType)) {
                problems.add("a type resolver for " + type + ", which is not an interface or union of the schema");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the wiring does not match schema.graphqls: " + String.join("; ", problems));
        }
    }
}
