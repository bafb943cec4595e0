package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.errors.StrictModeWiringException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function builds its schema from {@code SchemaTypes}, the code the build generates from schema.graphqls
 * (src/build/java/com/tenantgraph/build/SchemaTypesGenerator.java). These tests hold it to the schema graphql-java's
 * own SDL-to-schema generator builds from the file with the same wiring: the same printed schema (every type, field,
 * argument, default, description and deprecation), the same resolver behind every field, and the same refusals of a
 * wiring that does not fit the SDL.
 */
class SchemaTypesTest {
    private static final Services NO_SERVICES = new Services(null, null, null, null, null, null, null, null,
            Runnable::run);

    private static GraphQLSchema fromSdl(RuntimeWiring wiring) {
        return new SchemaGenerator().makeExecutableSchema(SchemaSdl.parse(), wiring);
    }

    @Test
    void executable_printsExactlyAsTheSchemaGraphQlJavaBuildsFromTheSdl() {
        // GIVEN the function's schema and the one graphql-java's SchemaGenerator builds from schema.graphqls
        RuntimeWiring wiring = Schema.wiring(NO_SERVICES);
        GraphQLSchema generated = Schema.executable(wiring);
        GraphQLSchema sdl = fromSdl(wiring);

        // WHEN both are printed as SDL THEN the texts are the same, character for character
        SchemaPrinter printer = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeSchemaDefinition(true));
        assertThat(printer.print(generated)).isEqualTo(printer.print(sdl)).contains("first: Int = 20");
    }

    @Test
    void executable_resolvesEveryFieldWithTheResolverTheSdlSchemaHas() {
        RuntimeWiring wiring = Schema.wiring(NO_SERVICES);
        GraphQLSchema generated = Schema.executable(wiring);
        GraphQLSchema sdl = fromSdl(wiring);
        List<String> checked = new ArrayList<>();

        for (GraphQLObjectType type : sdl.getAllTypesAsList().stream()
                .filter(GraphQLObjectType.class::isInstance).map(GraphQLObjectType.class::cast)
                .filter(t -> !t.getName().startsWith("__")).toList()) {
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                FieldCoordinates at = FieldCoordinates.coordinates(type, field);
                DataFetcher<?> expected = sdl.getCodeRegistry().getDataFetcher(at, field);
                DataFetcher<?> actual = generated.getCodeRegistry().getDataFetcher(at,
                        generated.getObjectType(type.getName()).getFieldDefinition(field.getName()));
                if (expected instanceof PropertyDataFetcher<?> property) {
                    assertThat(actual).as(at.toString()).isInstanceOf(PropertyDataFetcher.class);
                    assertThat(((PropertyDataFetcher<?>) actual).getPropertyName()).as(at.toString())
                            .isEqualTo(property.getPropertyName());
                } else {
                    assertThat(actual).as(at.toString()).isSameAs(expected);
                    checked.add(at.toString());
                }
            }
        }
        // the wired fields (every Query, Mutation and Subscription field among them) were all compared
        assertThat(checked).contains("Query.me", "Mutation.createTask", "Subscription.taskChanged", "Task.assignee");
        assertThat(generated.getCodeRegistry().getTypeResolver(generated.getType("Node") instanceof
                graphql.schema.GraphQLInterfaceType node ? node : null))
                .isSameAs(sdl.getCodeRegistry().getTypeResolver(sdl.getObjectType("Task").getInterfaces().stream()
                        .map(graphql.schema.GraphQLInterfaceType.class::cast).findFirst().orElseThrow()));
        assertThat(generated.getType("DateTime")).isSameAs(Scalars.DATE_TIME);
        assertThat(generated.getType("Date")).isSameAs(Scalars.DATE);
    }

    @Test
    void executable_refusesAWiringForAFieldTheSchemaDoesNotHave() {
        RuntimeWiring wiring = Schema.wiring(NO_SERVICES)
                .transform(w -> w.type("Task", t -> t.dataFetcher("estimate", env -> 3)));

        assertThatThrownBy(() -> Schema.executable(wiring))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a data fetcher for Task.estimate, which the schema does not have");
    }

    @Test
    void executable_refusesAWiringForATypeTheSchemaDoesNotHave() {
        RuntimeWiring wiring = Schema.wiring(NO_SERVICES)
                .transform(w -> w.type("Sprint", t -> t.dataFetcher("name", env -> "s1")));

        assertThatThrownBy(() -> Schema.executable(wiring))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a data fetcher for Sprint.name, which the schema does not have");
    }

    @Test
    void executable_refusesAWiringThatLeavesARootFieldUnresolved() {
        // GIVEN the full wiring but for Query.tenant and Mutation.updateTenant (a root field has no parent object:
        // left to the default property fetcher, it would answer null)
        RuntimeWiring full = Schema.wiring(NO_SERVICES);
        RuntimeWiring.Builder partial = RuntimeWiring.newRuntimeWiring().scalar(Scalars.DATE_TIME).scalar(Scalars.DATE);
        full.getDataFetchers().forEach((type, fetchers) -> {
            Map<String, DataFetcher> kept = new LinkedHashMap<>(fetchers);
            kept.remove(type.equals("Query") ? "tenant" : type.equals("Mutation") ? "updateTenant" : "");
            partial.type(type, t -> t.dataFetchers(kept));
        });
        full.getTypeResolvers().forEach((type, resolver) -> partial.type(type, t -> t.typeResolver(resolver)));

        assertThatThrownBy(() -> Schema.executable(partial.build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no data fetcher for Query.tenant")
                .hasMessageContaining("no data fetcher for Mutation.updateTenant");
    }

    @Test
    void wiring_refusesAFieldThatTwoAreasResolve() {
        // WHEN another area also wires Task.assignee THEN the wiring is refused, rather than one silently winning
        assertThatThrownBy(() -> Schema.wiring(NO_SERVICES)
                .transform(w -> w.type("Task", t -> t.dataFetcher("assignee", env -> null))))
                .isInstanceOf(StrictModeWiringException.class)
                .hasMessageContaining("The field assignee on type Task has already been defined");
    }

    @Test
    void executable_refusesATypeResolverForATypeThatIsNotAbstract() {
        RuntimeWiring wiring = Schema.wiring(NO_SERVICES)
                .transform(w -> w.type("Task", t -> t.typeResolver(env -> null)));

        assertThatThrownBy(() -> Schema.executable(wiring))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a type resolver for Task, which is not an interface or union of the schema");
    }

    @Test
    void executable_refusesAWiringThatLeavesAnInterfaceWithoutTypeResolver() {
        RuntimeWiring full = Schema.wiring(NO_SERVICES);
        RuntimeWiring.Builder withoutNode = RuntimeWiring.newRuntimeWiring().scalar(Scalars.DATE_TIME).scalar(Scalars.DATE);
        full.getDataFetchers().forEach((type, fetchers) -> withoutNode.type(type, t -> t.dataFetchers(fetchers)));

        assertThatThrownBy(() -> Schema.executable(withoutNode.build()))
                .isInstanceOf(graphql.AssertException.class)
                .hasMessageContaining("There must be a type resolver for interface Node");
    }

    @Test
    void executable_refusesAWiringWithoutACustomScalarOfTheSdl() {
        RuntimeWiring full = Schema.wiring(NO_SERVICES);
        RuntimeWiring.Builder withoutDate = RuntimeWiring.newRuntimeWiring().scalar(Scalars.DATE_TIME);
        full.getDataFetchers().forEach((type, fetchers) -> withoutDate.type(type, t -> t.dataFetchers(fetchers)));
        full.getTypeResolvers().forEach((type, resolver) -> withoutDate.type(type, t -> t.typeResolver(resolver)));

        assertThatThrownBy(() -> Schema.executable(withoutDate.build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("scalar Date of the schema has no implementation in the wiring");
    }
}
