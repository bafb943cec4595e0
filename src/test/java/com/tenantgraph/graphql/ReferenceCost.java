package com.tenantgraph.graphql;

import com.tenantgraph.graphql.pagination.PageArguments;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import java.util.List;

/**
 * The cost rule as it was written for graphql-java's {@link QueryComplexityCalculator}, before {@link QueryCost}
 * became the rule of the pipeline's own walk ({@code OperationSize}): the reference the walk is compared with
 * ({@code OperationSizeDifferentialTest}). Test code only: main code does not use {@code graphql.analysis}.
 */
public final class ReferenceCost implements FieldComplexityCalculator {
    @Override
    public int calculate(FieldComplexityEnvironment env, int childCost) {
        GraphQLFieldDefinition field = env.getFieldDefinition();
        long cost;
        if (isMutation(env)) {
            cost = QueryCost.MUTATION + (long) childCost;
        } else if (field.getArgument("first") != null) {
            cost = QueryCost.QUERY + (long) PageArguments.first((Integer) env.getArguments().get("first")) * childCost;
        } else if (field.getName().equals("nodes") && field.getArgument("ids") != null) {
            List<String> ids = NodeWiring.requestedIds(idsOf(env));
            cost = (long) ids.size() * (1L + childCost);
        } else if (readsAnObject(field.getType())) {
            cost = 1L + childCost;
        } else {
            cost = childCost;
        }
        return (int) Math.min(cost, QueryCost.CAP);
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsOf(FieldComplexityEnvironment env) {
        return (List<String>) env.getArguments().get("ids");
    }

    private static boolean isMutation(FieldComplexityEnvironment env) {
        return env.getParentEnvironment() == null && env.getParentType() instanceof GraphQLObjectType parent
                && parent.getName().equals("Mutation");
    }

    private static boolean readsAnObject(GraphQLType type) {
        GraphQLUnmodifiedType named = GraphQLTypeUtil.unwrapAll(type);
        if (GraphQLTypeUtil.isLeaf(named)) {
            return false;
        }
        String name = ((GraphQLNamedType) named).getName();
        return !name.endsWith("Edge") && !name.equals("PageInfo");
    }
}
