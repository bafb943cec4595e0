package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.pipeline.OperationSize;
import graphql.execution.CoercedVariables;
import graphql.language.NodeUtil;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The cost rule of this schema (README, "Query cost"): one per object, a list its Query plus its page size times one
 * element, nodes by its ids, a mutation 10 plus its payload; computed from the document alone.
 */
class QueryCostTest {
    private static final GraphQLSchema SCHEMA = Schema.executable(new Services(null, null, null, null, null, null,
            null, null, Runnable::run));
    private static final String PROJECT = GlobalId.encode("Project", "p1");

    @Test
    void scalarsCostNothing_andEachObjectOne() {
        assertThat(cost("{ me { id email name role } tenant { name plan } }")).isEqualTo(2);
    }

    @Test
    void aList_costsItsQueryPlusItsPageSizeTimesOneElement_twentyWhenFirstIsNotGiven() {
        // 10 + 20 × (the project 1): edges, node's wrapper, cursor and pageInfo are read with the page
        assertThat(cost("{ projects { edges { cursor node { key name } } pageInfo { hasNextPage endCursor } } }"))
                .isEqualTo(10 + 20);
        assertThat(cost("{ projects(first: 100) { edges { node { key } } } }")).isEqualTo(10 + 100);
        assertThat(cost("{ projects(first: 0) { pageInfo { hasNextPage } } }")).isEqualTo(10);
    }

    @Test
    void nestedLists_multiply() {
        // 10 + 10 × (project 1 + its tasks (10 + 20 × (task 1 + assignee 1 + reporter 1)))
        assertThat(cost("""
                { projects(first: 10) { edges { node { key
                    tasks(first: 20) { edges { node { identifier assignee { name } reporter { name } } } } } } } }"""))
                .isEqualTo(10 + 10 * (1 + 10 + 20 * 3));
    }

    @Test
    void pageSizesGivenAsVariables_count() {
        String query = "query($n: Int) { projects(first: $n) { edges { node { key } } } }";
        assertThat(cost(query, Map.of("n", 50))).isEqualTo(10 + 50);
    }

    @Test
    void nodes_costsOneNodeTimesItsIds() {
        // 3 × (node 1 + tasks (10 + 5 × task 1))
        String ids = IntStream.range(0, 3).mapToObj(i -> '"' + GlobalId.encode("Project", "p" + i) + '"')
                .collect(Collectors.joining(","));
        assertThat(cost("{ nodes(ids: [" + ids + "]) { id ... on Project { tasks(first: 5) { edges { node { id } } } } } }"))
                .isEqualTo(3 * (1 + 10 + 5));
    }

    @Test
    void nodes_refusesARepeatedId_beforeAnythingRuns() {
        // the finding: one project id a hundred times, each with its own nested lists
        String hundredTimes = IntStream.range(0, 100).mapToObj(i -> '"' + PROJECT + '"')
                .collect(Collectors.joining(","));
        assertThatThrownBy(() -> cost("{ nodes(ids: [" + hundredTimes + "]) { ... on Project { tasks(first: 100) {"
                + " edges { node { comments(first: 100) { edges { node { body } } } } } } } } }"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.extensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "ids");
                    assertThat(e.getMessage()).contains("ids[1]");
                });
    }

    @Test
    void theFindingsQuery_withDistinctIds_costsFarOverTheDefaultBudget() {
        // 4 × (node 1 + tasks (10 + 100 × (task 1 + comments (10 + 100 × comment 1))))
        String ids = IntStream.range(0, 4).mapToObj(i -> '"' + GlobalId.encode("Project", "p" + i) + '"')
                .collect(Collectors.joining(","));
        assertThat(cost("{ nodes(ids: [" + ids + "]) { ... on Project { tasks(first: 100) { edges { node {"
                + " comments(first: 100) { edges { node { body } } } } } } } } }"))
                .isEqualTo(4 * (1 + 10 + 100 * (1 + 10 + 100)));
    }

    @Test
    void aPageSizeOutOfRange_isBadUserInputOnFirst() {
        assertThatThrownBy(() -> cost("{ projects(first: 101) { edges { node { key } } } }"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.extensions()).containsEntry("field", "first"));
        assertThatThrownBy(() -> cost("{ projects(first: -1) { edges { node { key } } } }"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aMutation_costsTenPlusItsPayload() {
        assertThat(cost("mutation { createProject(input: {key: \"AB\", name: \"x\"}) { project { id key } } }"))
                .isEqualTo(10 + 1);
    }

    @Test
    void typename_costsNothing_evenBesideAMutationField() {
        assertThat(cost("mutation { __typename createProject(input: {key: \"AB\", name: \"x\"}) { __typename"
                + " project { __typename id } } }")).isEqualTo(10 + 1);
    }

    @Test
    void skippedSelections_costNothing_andIncludedOnesCount() {
        String query = "query($skip: Boolean!) { me @skip(if: $skip) { name } tenant @include(if: false) { name }"
                + " ... @include(if: true) { projects(first: 5) { edges { node { key } } } } }";
        assertThat(cost(query, Map.of("skip", true))).isEqualTo(10 + 5);
        assertThat(cost(query, Map.of("skip", false))).isEqualTo(1 + 10 + 5);
    }

    @Test
    void aHugeCost_saturatesAtTheCap_insteadOfOverflowing() {
        // 10 + 100 × (1 + 10 + 100 × (1 + 10 + 100 × 1)) = 1,111,110, and aliases of it would overflow an int
        String huge = "projects(first: 100) { edges { node { tasks(first: 100) { edges { node {"
                + " comments(first: 100) { edges { node { body } } } } } } } } }";
        assertThat(cost("{ " + huge + " }")).isEqualTo(QueryCost.CAP);
        assertThat(cost("{ a: " + huge + " b: " + huge + " }")).isEqualTo(2 * QueryCost.CAP);
    }

    @Test
    void theReadmesWorkedExample_costsWhatTheReadmeSays() throws IOException {
        // GIVEN the README's example under "Query cost", whose first line states its cost
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher example = Pattern.compile("```graphql\\n# Cost: (\\d+)[^\\n]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(example.find()).as("a ```graphql block starting with '# Cost: N'").isTrue();

        // THEN the rule computes exactly that
        assertThat(cost(example.group(2))).isEqualTo(Integer.parseInt(example.group(1)));
    }

    @Test
    void everyGraphqlExampleOfTheReadme_fitsTheDefaultBudget() throws IOException {
        Matcher block = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "README.md")));
        int examples = 0;
        while (block.find()) {
            examples++;
            assertThat(cost(block.group(1))).as(block.group(1))
                    .isLessThanOrEqualTo(com.tenantgraph.pipeline.QueryLimits.defaults().maxCost());
        }
        assertThat(examples).isGreaterThan(1);
    }

    private static int cost(String query) {
        return cost(query, Map.of());
    }

    private static int cost(String query, Map<String, Object> variables) {
        NodeUtil.GetOperationResult operation = NodeUtil.getOperation(Parser.parse(query), null);
        return OperationSize.of(SCHEMA, operation.operationDefinition, operation.fragmentsByName,
                CoercedVariables.of(variables), QueryCost::of).cost();
    }
}
