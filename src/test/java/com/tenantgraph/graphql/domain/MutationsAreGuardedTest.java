package com.tenantgraph.graphql.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.graphql.GraphQlFactory;
import com.tenantgraph.graphql.Guard;
import com.tenantgraph.graphql.QueryLimits;
import com.tenantgraph.tenancy.Action;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every Mutation field of schema.graphqls is registered through Guard.mutation, with the action the matrix knows. */
class MutationsAreGuardedTest {

    @Test
    void everyMutationField_isGuarded_withItsAction() {
        // GIVEN the executable schema, wired as the Lambda wires it
        Application app = new Application(new AppConfig("t", true, QueryLimits.defaults()),
                mock(DynamoDbClient.class), Clock.systemUTC());
        GraphQLSchema schema = app.graphQl().getGraphQLSchema();

        // WHEN each Mutation field's data fetcher is looked up
        Map<String, Action> expected = Map.of("createProject", Action.CREATE_PROJECT,
                "updateProject", Action.UPDATE_PROJECT, "deleteProject", Action.DELETE_PROJECT,
                "createTask", Action.CREATE_TASK, "updateTask", Action.UPDATE_TASK,
                "deleteTask", Action.DELETE_TASK, "addComment", Action.ADD_COMMENT,
                "editComment", Action.EDIT_OWN_COMMENT, "deleteComment", Action.DELETE_OWN_COMMENT);
        assertThat(schema.getMutationType().getFieldDefinitions()).isNotEmpty();
        for (GraphQLFieldDefinition field : schema.getMutationType().getFieldDefinitions()) {
            Object fetcher = schema.getCodeRegistry().getDataFetcher(
                    FieldCoordinates.coordinates("Mutation", field.getName()), field);

            // THEN it is a guarded fetcher (and, for the domain's own, with the action of the role matrix)
            assertThat(fetcher).as(field.getName()).isInstanceOf(Guard.Guarded.class);
            if (expected.containsKey(field.getName())) {
                assertThat(((Guard.Guarded<?>) fetcher).action()).as(field.getName())
                        .isEqualTo(expected.get(field.getName()));
            }
        }
    }

    @Test
    void queryFields_ofBothWirings_areKept() {
        // GIVEN the schema wired by GraphQlFactory and DomainWiring, both adding fields to Query and User
        GraphQLSchema schema = new Application(new AppConfig("t", true, QueryLimits.defaults()),
                mock(DynamoDbClient.class), Clock.systemUTC()).graphQl().getGraphQLSchema();

        // THEN neither registration replaced the other's fetchers
        for (String field : new String[] {"me", "tenant", "node", "projects", "task"}) {
            GraphQLFieldDefinition definition = schema.getQueryType().getFieldDefinition(field);
            assertThat(schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates("Query", field),
                    definition).getClass().getName()).as(field).doesNotContain("PropertyDataFetcher");
        }
        assertThat(GraphQlFactory.SCHEMA_RESOURCE).isEqualTo("/schema.graphqls");
    }
}
