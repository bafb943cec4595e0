package com.tenantgraph.pipeline;

import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;

/**
 * The cost rule of a schema (for this API, {@code graphql/QueryCost::of}), handed to {@link Execution} by the
 * composition root: the pipeline enforces the budget, the schema's wiring knows which fields are lists and pages.
 */
@FunctionalInterface
public interface OperationCost {
    /** The cost of one operation of a parsed, validated document; may throw BAD_USER_INPUT for bad arguments. */
    int of(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables);
}
