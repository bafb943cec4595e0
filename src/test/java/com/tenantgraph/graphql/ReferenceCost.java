package com.tenantgraph.graphql;

import com.tenantgraph.pipeline.FieldCost;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;

/**
 * The cost rule as graphql-java's {@link QueryComplexityCalculator} drove it before the pipeline walked operations
 * itself ({@code OperationSize}): each field's environment handed to {@link QueryCost#of}, a root field being one
 * without a parent environment. The reference {@code OperationSizeDifferentialTest} compares the walk with: the rule
 * is shared, so what is compared is what changed, the walk (which fields, on which parent type, at which level, with
 * which arguments, summed how). Test code only: main code does not use {@code graphql.analysis}.
 */
public final class ReferenceCost implements FieldComplexityCalculator {
    @Override
    public int calculate(FieldComplexityEnvironment env, int childCost) {
        return QueryCost.of(new FieldCost.SelectedField(env.getFieldDefinition(), env.getParentType(),
                env.getParentEnvironment() == null, env.getArguments()), childCost);
    }
}
