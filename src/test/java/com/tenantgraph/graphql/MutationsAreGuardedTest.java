package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.QueryLimits;
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
        Map<String, Action> expected = Map.ofEntries(
                Map.entry("createProject", Action.CREATE_PROJECT),
                Map.entry("updateProject", Action.UPDATE_PROJECT),
                Map.entry("deleteProject", Action.DELETE_PROJECT),
                Map.entry("createTask", Action.CREATE_TASK),
                Map.entry("updateTask", Action.UPDATE_TASK),
                Map.entry("deleteTask", Action.DELETE_TASK),
                Map.entry("addComment", Action.ADD_COMMENT),
                Map.entry("editComment", Action.EDIT_OWN_COMMENT),
                Map.entry("deleteComment", Action.DELETE_OWN_COMMENT),
                Map.entry("inviteUser", Action.MANAGE_USERS),
                Map.entry("revokeInvitation", Action.MANAGE_USERS),
                Map.entry("changeUserRole", Action.MANAGE_USERS),
                Map.entry("disableUser", Action.MANAGE_USERS),
                Map.entry("enableUser", Action.MANAGE_USERS),
                Map.entry("removeUser", Action.MANAGE_USERS),
                Map.entry("updateTenant", Action.UPDATE_TENANT));
        assertThat(schema.getMutationType().getFieldDefinitions()).isNotEmpty();
        for (GraphQLFieldDefinition field : schema.getMutationType().getFieldDefinitions()) {
            Object fetcher = schema.getCodeRegistry().getDataFetcher(
                    FieldCoordinates.coordinates("Mutation", field.getName()), field);

            // THEN it is a guarded fetcher with the action of the role matrix (a new mutation must be listed here)
            assertThat(fetcher).as(field.getName()).isInstanceOf(Guard.Guarded.class);
            assertThat(expected).as("the expected action of " + field.getName()).containsKey(field.getName());
            assertThat(((Guard.Guarded<?>) fetcher).action()).as(field.getName())
                    .isEqualTo(expected.get(field.getName()));
        }
    }
}
