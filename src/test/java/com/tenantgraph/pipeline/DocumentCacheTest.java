package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

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
        // GIVEN a container whose cache has parsed a document of two operations once
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(
                "type Query { a: String } type Mutation { b: String }"), RuntimeWiring.MOCKED_WIRING);
        DocumentCache cache = new DocumentCache(10);
        GraphQL graphQl = GraphQL.newGraphQL(schema).preparsedDocumentProvider(cache).build();
        String query = "query Read { a } mutation Write { b }";
        AtomicInteger parses = new AtomicInteger();
        cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
            parses.incrementAndGet();
            return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
        }).get();

        // WHEN the pipeline asks for the type of each operation, and of a query never seen
        String write = Operations.type(graphQl, query, "Write");
        String read = Operations.type(graphQl, query, "Read");
        String unseen = Operations.type(graphQl, "subscription S { a }", null);

        // THEN the cached document answers (it is the one the cache holds), and an unseen query is parsed for it
        assertThat(cache.cachedDocument(query)).isNotNull();
        assertThat(cache.cachedDocument("subscription S { a }")).isNull();
        assertThat(parses).hasValue(1);
        assertThat(write).isEqualTo("mutation");
        assertThat(read).isEqualTo("query");
        assertThat(unseen).isEqualTo("subscription");
        assertThat(Operations.type(graphQl, "{ a", null)).isEqualTo("none");
    }
}
