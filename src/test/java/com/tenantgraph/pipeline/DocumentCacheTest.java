package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.graphql.Schema;
import com.tenantgraph.graphql.Services;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.introspection.IntrospectionQuery;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentCacheTest {
    private static final GraphQLSchema API = Schema.executable(new Services(null, null, null, null, null, null,
            null, null, Runnable::run));

    @Test
    void documentsQueryParserAccepts_areAnsweredAsGraphQlJavasOwnParseAndValidateAnswersThem() {
        // GIVEN this API's schema, executed once with the cache (QueryParser, then validation here) and once with
        // graphql-java's own parse-and-validate step, under the execution settings of a request
        GraphQL fast = GraphQL.newGraphQL(API).preparsedDocumentProvider(new DocumentCache(API, 10)).build();
        GraphQL graphQlJava = GraphQL.newGraphQL(API).build();
        Map<Object, Object> settings = Execution.settings(QueryLimits.defaults(), true);
        List<String> documents = List.of(
                "{ __typename }",
                IntrospectionQuery.INTROSPECTION_QUERY,
                "query Named { __schema { queryType { name } } }",
                // validation errors of several rules, with their locations
                "{ me { nope } }",
                "{ projects(first: \"ten\") { edges { node { key } } } }",
                "query Q($n: Int) { me { id } }",
                "query A { me { id } } query A { tenant { name } }",
                "{ me { id } } query B { tenant { name } }",
                "{ me { ...Missing } }",
                "fragment F on Member { ...G } fragment G on Member { ...F } { me { ...F } }",
                "fragment Unused on Member { id } { me { id } }",
                "{ me { id @skip } }",
                "{ me(unknown: 1) { id } }",
                "query ($id: ID!) { node(id: $id, id: $id) { id } }",
                // good-faith introspection: __schema twice, and a type system too deep to be a tool's
                "{ a: __schema { types { name } } b: __schema { types { name } } }",
                "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }",
                // declined by QueryParser: graphql-java's parser answers, with its syntax errors
                "{ me { id }",
                "type Query { a: String }",
                "{ me(x: \"\"\"block\"\"\") { id } }");

        for (String document : documents) {
            // WHEN each runs both ways
            ExecutionInput.Builder input = ExecutionInput.newExecutionInput(document).graphQLContext(settings);
            Map<String, Object> viaCache = fast.execute(input.build()).toSpecification();
            Map<String, Object> viaGraphQlJava = graphQlJava.execute(input.build()).toSpecification();

            // THEN the answers are the same: data, error messages, locations and extensions
            assertThat(viaCache).as(document).isEqualTo(viaGraphQlJava);
        }
        assertThat(QueryParser.tryParse("{ me { nope } }")).as("the fast path ran").isNotNull();
    }

    @Test
    void countAliases_countsEachAliasOnce_atEveryLevel() {
        // GIVEN a document with one alias at the root, one nested and one in a fragment
        String query = "{ a: me { id } tenant { n: name ...T } } fragment T on Tenant { p: plan }";

        // WHEN its aliases are counted
        int aliases = DocumentCache.countAliases(Parser.parse(query));

        // THEN each alias counts once
        assertThat(aliases).isEqualTo(3);
    }

    @Test
    void countAliases_isZero_whenNoFieldIsAliased() {
        // GIVEN a document without aliases
        String query = "{ me { id email } tenant { name } }";

        // WHEN its aliases are counted
        int aliases = DocumentCache.countAliases(Parser.parse(query));

        // THEN none
        assertThat(aliases).isZero();
    }

    @Test
    void operationType_ofAQueryExecutedBefore_comesFromTheCache_withoutParsingAgain() throws Exception {
        // GIVEN a container whose cache holds the document of a query: one QueryParser declines (a block string), so
        // graphql-java's step parses it, here a stand-in answering with the operation types swapped, so that an
        // answer from a second parse and one from the cache differ
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(
                "type Query { a(x: String): String } type Mutation { b: String }"), RuntimeWiring.MOCKED_WIRING);
        DocumentCache cache = new DocumentCache(schema, 10);
        GraphQL graphQl = GraphQL.newGraphQL(schema).preparsedDocumentProvider(cache).build();
        String query = "query Read { a(x: \"\"\"block\"\"\") } mutation Write { b }";
        AtomicInteger parses = new AtomicInteger();
        cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
            parses.incrementAndGet();
            return new PreparsedDocumentEntry(Parser.parse("mutation Read { b } query Write { a }"));
        }).get();

        // WHEN the pipeline asks for the type of each operation, and of a query never seen
        String write = Operations.type(graphQl, query, "Write");
        String read = Operations.type(graphQl, query, "Read");
        String unseen = Operations.type(graphQl, "subscription S { a }", null);

        // THEN the cached document answers, and an unseen query is parsed for it
        assertThat(parses).hasValue(1);
        assertThat(cache.cachedDocument("subscription S { a }")).isNull();
        assertThat(write).isEqualTo("query");
        assertThat(read).isEqualTo("mutation");
        assertThat(unseen).isEqualTo("subscription");
        assertThat(Operations.type(graphQl, "{ a", null)).isEqualTo("none");
        assertThat(Operations.type(graphQl, "{ a(x: \"\"\"unseen\"\"\") }", null)).isEqualTo("query");
    }

    /**
     * Two inputs graphql-java 26.0's parser fails on with an exception other than its syntax error: a float default
     * value it cannot represent (NumberFormatException; the same number as an argument is invalid syntax) and a braced
     * Unicode escape past the int range (AssertException: its message for that case is missing).
     */
    static Stream<Arguments> inputsGraphQlJavasParserCrashesOn() {
        return Stream.of(
                Arguments.of("query ($a: Float = 1e99999999999) { __typename }",
                        "A number in the query is out of range"),
                Arguments.of("{ me { name(x: \"\\u{80000000}\") } }",
                        "The query has an invalid Unicode escape sequence"));
    }

    @ParameterizedTest
    @MethodSource("inputsGraphQlJavasParserCrashesOn")
    void inputGraphQlJavasParserCrashesOn_isBadInput_notAnEscapedException(String query, String message) {
        // GIVEN the API's cache and a document graphql-java's parser fails on with an exception of its own
        GraphQL graphQl = GraphQL.newGraphQL(API).preparsedDocumentProvider(new DocumentCache(API, 10)).build();

        // WHEN it is executed, and its operation type is asked for
        Map<String, Object> result = graphQl.execute(ExecutionInput.newExecutionInput(query)
                .graphQLContext(Execution.settings(QueryLimits.defaults(), true)).build()).toSpecification();

        // THEN a clear error of bad input, and no operation type
        assertThat(result).doesNotContainKey("data");
        assertThat(result.get("errors").toString()).contains(message).contains("BAD_USER_INPUT");
        assertThat(Operations.type(graphQl, query, null)).isEqualTo("none");
    }

    @Test
    void anyOtherFailureOfGraphQlJavasParser_isNotTakenForBadInput() {
        assertThatThrownBy(() -> QueryParser.asBadInput(new graphql.AssertException("a bug")))
                .isInstanceOf(graphql.AssertException.class).hasMessage("a bug");
        assertThatThrownBy(() -> QueryParser.asBadInput(new IllegalStateException("a fault")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDocumentQueryParserAccepts_isNotHandedToGraphQlJavasParser() throws Exception {
        // GIVEN the cache and a graphql-java step that counts its calls
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(
                "type Query { a(x: String): String }"), RuntimeWiring.MOCKED_WIRING);
        DocumentCache cache = new DocumentCache(schema, 10);
        AtomicInteger graphQlJavaSteps = new AtomicInteger();

        // WHEN a plain query, an invalid one and one QueryParser declines are asked for
        for (String query : List.of("{ a(x: \"s\") }", "{ b }", "{ a(x: \"\"\"block\"\"\") }")) {
            cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
                graphQlJavaSteps.incrementAndGet();
                return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
            }).get();
        }

        // THEN only the declined one went to graphql-java's step; the valid one is cached, the invalid one is not
        assertThat(graphQlJavaSteps).hasValue(1);
        assertThat(cache.cachedDocument("{ a(x: \"s\") }")).isNotNull();
        assertThat(cache.cachedDocument("{ b }")).isNull();
    }
}
