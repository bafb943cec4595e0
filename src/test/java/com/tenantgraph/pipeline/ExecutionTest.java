package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.graphql.QueryCost;
import com.tenantgraph.graphql.Schema;
import com.tenantgraph.graphql.Services;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutionTest {
    /** The real schema, with no services: any resolver that ran would fail with an INTERNAL error. */
    private static final GraphQLSchema SCHEMA = Schema.executable(new Services(null, null, null, null, null, null,
            null, null, Runnable::run));

    private static OperationDefinition operation(String query) {
        return Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{ __schema { queryType { name } } }                      | true",
            "{ __type(name: \"Tenant\") { name } __typename }          | true",
            "{ __schema { queryType { name } } tenant { name } }      | false",
            "{ tenant { name } }                                       | false",
            "{ ...Meta } fragment Meta on Query { __typename }         | false",
            "{ ... on Query { __schema { queryType { name } } } }      | false"})
    void isIntrospectionOnly_isTrueOnlyWhenEveryRootFieldIsAMetaField(String query, boolean expected) {
        // GIVEN an operation
        OperationDefinition operation = operation(query);

        // WHEN it is classified
        boolean introspectionOnly = Execution.isIntrospectionOnly(operation);

        // THEN only plain meta fields at the root exempt it from the data limits (fragments keep the limits)
        assertThat(introspectionOnly).isEqualTo(expected);
    }

    @ParameterizedTest(name = "subscription events: {0}")
    @ValueSource(booleans = {false, true})
    void anOperationDeeperThanTheLimit_isRefusedBeforeAnyResolver(boolean subscriptionEvents) {
        // GIVEN a depth limit of 2, for requests and for subscriptions' events alike
        GraphQL graphQl = graphQl(subscriptionEvents, 2, QueryLimits.defaults().maxCost());

        // WHEN an operation nests three fields deep, the deepest in a fragment
        ExecutionResult result = execute(graphQl, subscriptionEvents
                ? "subscription { taskChanged(projectId: \"p\") { ...T } } fragment T on TaskChangedEvent { task { id } }"
                : "{ ...T } fragment T on Query { tenant { invitations { __typename } } }");

        // THEN it is refused for its depth, and nothing ran (a resolver would have failed without its services)
        assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("reason", QueryLimits.DEPTH_REASON)
                .containsEntry("depth", 3).containsEntry("limit", 2));
        assertThat((Object) result.getData()).isNull();
    }

    @ParameterizedTest(name = "depth limit {0}")
    @CsvSource({"3, QUERY_DEPTH", "4, first"})
    void theDepth_isCheckedBeforeTheArgumentsTheCostDependsOn(int maxDepth, String refusedFor) {
        // GIVEN a depth limit
        GraphQL graphQl = graphQl(false, maxDepth, QueryLimits.defaults().maxCost());

        // WHEN a query four fields deep asks for a page size out of range
        ExecutionResult result = execute(graphQl, "{ projects(first: 500) { edges { node { key } } } }");

        // THEN over the depth limit it is refused for its depth; within it, for its page size
        GraphQLError error = result.getErrors().get(0);
        assertThat(result.getErrors()).hasSize(1);
        assertThat(error.getExtensions().get("reason") != null ? error.getExtensions().get("reason")
                : error.getExtensions().get("field")).isEqualTo(refusedFor);
    }

    @ParameterizedTest(name = "subscription events: {0}")
    @ValueSource(booleans = {false, true})
    void anOperationOverTheBudget_isRefusedForItsCost_whenWithinTheDepthLimit(boolean subscriptionEvents) {
        // GIVEN the default depth limit and a budget of 1
        GraphQL graphQl = graphQl(subscriptionEvents, QueryLimits.defaults().maxDepth(), 1);

        // WHEN an operation costs 2
        ExecutionResult result = execute(graphQl, subscriptionEvents
                ? "subscription { taskChanged(projectId: \"p\") { task { id } } }" : "{ me { id } tenant { name } }");

        // THEN it is refused for its cost
        assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("reason", QueryLimits.COST_REASON).containsEntry("cost", 2));
    }

    @Test
    void anOperationWhoseSummedCostIsBeyondAnInt_isRefusedForItsCost() {
        // GIVEN the default limits
        GraphQL graphQl = graphQl(false, QueryLimits.defaults().maxDepth(), QueryLimits.defaults().maxCost());

        // WHEN a valid query spreads a subtree at the cost cap 2148 times (graphql-java's int sum wrapped to negative)
        ExecutionResult result = execute(graphQl, OperationSizeDifferentialTest.OVERFLOWING);

        // THEN it is refused for its cost, saturated
        assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("reason", QueryLimits.COST_REASON).containsEntry("cost", Integer.MAX_VALUE));
    }

    @Test
    void aFragmentSpreadAgainDeeper_countsAtItsDeepestSpread() {
        // GIVEN the default limits (depth 15)
        GraphQL graphQl = graphQl(false, QueryLimits.defaults().maxDepth(), QueryLimits.defaults().maxCost());

        // WHEN a fragment is spread at level 1, then again at level 8 (graphql-java's traverser saw depth 10)
        ExecutionResult result = execute(graphQl, OperationSizeDifferentialTest.SPREAD_TWICE_DEPTH);

        // THEN it is refused for the depth of its deepest spread
        assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("reason", QueryLimits.DEPTH_REASON).containsEntry("depth", 17));
    }

    @Test
    void aFragmentSpreadAgainUnderAList_costsAtEachSpread() {
        // GIVEN the default limits (budget 1000)
        GraphQL graphQl = graphQl(false, QueryLimits.defaults().maxDepth(), QueryLimits.defaults().maxCost());

        // WHEN a fragment with a list is spread under one project, then under 100 (graphql-java's traverser: 126)
        ExecutionResult result = execute(graphQl, OperationSizeDifferentialTest.SPREAD_TWICE_COST);

        // THEN it is refused for what both spreads cost
        assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getExtensions())
                .containsEntry("reason", QueryLimits.COST_REASON).containsEntry("cost", 1626));
    }

    @Test
    void aFragmentBomb_isRefusedByValidation_beforeTheWalkWouldExpandIt() {
        // GIVEN the default limits
        GraphQL graphQl = graphQl(false, QueryLimits.defaults().maxDepth(), QueryLimits.defaults().maxCost());

        // WHEN each of 20 fragments spreads the one before twice: 2^20 copies of one field once expanded
        StringBuilder document = new StringBuilder("{ ...F20 } fragment F0 on Query { __typename }");
        for (int i = 1; i <= 20; i++) {
            document.append(" fragment F").append(i).append(" on Query { ...F").append(i - 1).append(" ...F")
                    .append(i - 1).append(" }");
        }
        ExecutionResult result = execute(graphQl, document.toString());

        // THEN graphql-java's validation refuses it (at most 100,000 fields once fragments are expanded), so the
        // walk, which expands every spread, never meets a document larger than that
        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(graphql.ErrorType.ValidationError);
            assertThat(error.getMessage()).contains("fields");
        });
        assertThat((Object) result.getData()).isNull();
    }

    private static GraphQL graphQl(boolean subscriptionEvents, int maxDepth, int maxCost) {
        QueryLimits d = QueryLimits.defaults();
        QueryLimits limits = new QueryLimits(d.maxQueryChars(), d.maxTokens(), maxDepth, maxCost, d.maxAliases(),
                d.maxBodyBytes());
        return subscriptionEvents ? Execution.subscriptionEvents(SCHEMA, limits, QueryCost::of)
                : Execution.graphQl(SCHEMA, limits, QueryCost::of);
    }

    private static ExecutionResult execute(GraphQL graphQl, String document) {
        return graphQl.execute(ExecutionInput.newExecutionInput(document)
                .graphQLContext(Execution.settings(QueryLimits.defaults(), true)).build());
    }
}
