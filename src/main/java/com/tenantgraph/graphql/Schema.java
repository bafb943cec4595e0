package com.tenantgraph.graphql;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The executable schema: the types of schema.graphqls (the single source of truth for the API surface) with all
 * their wiring, one {@code register} per area of the schema. Each area adds its Query fields, its types' fields and
 * its Mutation fields (every one through {@link com.tenantgraph.pipeline.Guard#mutation}); fields that several areas
 * add to one type are merged, and a field two areas add fails the build of the wiring (graphql-java's strict mode).
 * Executed by the pipeline ({@link com.tenantgraph.pipeline.Execution}).
 *
 * <p>An area is one class: enums list the fields it resolves ({@code Field}) and its mutations ({@code Mutation},
 * each with the action it is guarded by), and one switch without a default resolves each ({@link Dispatch}). So the
 * place a field is resolved is the case of its constant, the compiler refuses a listed field without a case, and a
 * cold start loads a few named classes rather than one generated class per field.
 *
 * <p>The types come from {@code SchemaTypes}, which the build generates from schema.graphqls
 * (src/build/java/com/tenantgraph/build/SchemaTypesGenerator.java), so a cold start builds them with graphql-java's
 * builders instead of parsing SDL and running its SDL-to-schema generator. What that generator would check of the
 * wiring against the SDL is checked here (every wired field is a field of the schema, every root field is wired,
 * every type resolver is for an interface or union) or by graphql-java's build (every interface and union has a type
 * resolver).
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
        for (var type : wiring.getDataFetchers().entrySet()) {
            for (var field : type.getValue().entrySet()) {
                code.dataFetcher(FieldCoordinates.coordinates(type.getKey(), field.getKey()), field.getValue());
            }
        }
        for (Map.Entry<String, TypeResolver> type : wiring.getTypeResolvers().entrySet()) {
            code.typeResolver(type.getKey(), type.getValue());
        }
        return code.build();
    }

    /**
     * A wiring that does not fit the schema is a bug: fail init. Each area lists the fields it resolves in an enum
     * and dispatches on it in a switch without a default, so the compiler already holds every listed field to a
     * case; checked here is what the compiler cannot see: that every listed field is a field of the schema, that
     * every root field (Query, Mutation, Subscription) is resolved by some area (the default, a property of the
     * parent object, would answer null for a root field), and that every type resolver is for an interface or union.
     * (An interface or union left without a type resolver already fails graphql-java's build of the schema, and a
     * field listed by two areas fails the build of the wiring.)
     */
    private static void checkWiring(GraphQLSchema schema, RuntimeWiring wiring) {
        List<String> problems = new ArrayList<>();
        for (var type : wiring.getDataFetchers().entrySet()) {
            for (String field : type.getValue().keySet()) {
                if (!(schema.getType(type.getKey()) instanceof GraphQLFieldsContainer container)
                        || container.getFieldDefinition(field) == null) {
                    problems.add("a data fetcher for " + type.getKey() + "." + field
                            + ", which the schema does not have");
                }
            }
        }
        for (GraphQLObjectType root : List.of(schema.getQueryType(), schema.getMutationType(),
                schema.getSubscriptionType())) {
            Map<String, ?> wired = wiring.getDataFetchers().getOrDefault(root.getName(), Map.of());
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                if (!wired.containsKey(field.getName())) {
                    problems.add("no data fetcher for " + root.getName() + "." + field.getName());
                }
            }
        }
        for (String type : wiring.getTypeResolvers().keySet()) {
            if (!(schema.getType(type) instanceof GraphQLInterfaceType || schema.getType(type) instanceof GraphQLUnionType)) {
                problems.add("a type resolver for " + type + ", which is not an interface or union of the schema");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the wiring does not match schema.graphqls: " + String.join("; ", problems));
        }
    }
}
