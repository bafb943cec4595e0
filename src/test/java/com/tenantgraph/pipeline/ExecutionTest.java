package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutionTest {

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
}
