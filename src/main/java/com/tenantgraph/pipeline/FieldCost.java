package com.tenantgraph.pipeline;

import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import java.util.Map;

/**
 * The cost rule of a schema (for this API, {@code graphql/QueryCost::of}), handed to {@link Execution} by the
 * composition root: the pipeline walks the operation and enforces the budget ({@link OperationSize}), the schema's
 * rule knows which fields are lists and pages. The rule prices one field at a time, bottom up: the walk hands it the
 * summed cost of the field's selection.
 */
@FunctionalInterface
public interface FieldCost {
    /**
     * What {@code field} costs, its selection (every field selected under it, fragments included) costing
     * {@code selectionCost}; may throw BAD_USER_INPUT for an argument it cannot price.
     */
    int of(SelectedField field, int selectionCost);

    /**
     * One field of the operation, included by its {@code @skip}/{@code @include} directives.
     *
     * @param definition the field's definition in the schema (the meta fields' included)
     * @param parentType the type it is selected on: the enclosing field's type or a fragment's type condition
     * @param topLevel   whether it is a root field of the operation (no field encloses it)
     * @param arguments  its argument values, coerced as execution coerces them (defaults applied, variables read)
     */
    record SelectedField(GraphQLFieldDefinition definition, GraphQLCompositeType parentType, boolean topLevel,
                         Map<String, Object> arguments) {
    }
}
