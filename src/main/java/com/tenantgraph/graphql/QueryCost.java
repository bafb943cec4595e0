package com.tenantgraph.graphql;

import com.tenantgraph.graphql.pagination.PageArguments;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import java.util.List;

/**
 * The cost of an operation in this schema, computed from the document alone before any resolver runs, as an upper
 * bound of the DynamoDB work it can cause. The unit is one item read:
 * <ul>
 *   <li>an object field (to-one: {@code tenant}, {@code assignee}, {@code project}, a connection's {@code node}…)
 *       costs 1 plus its selection;</li>
 *   <li>a list field (it takes {@code first}) costs {@value #QUERY} for its Query plus {@code first} (20 when not
 *       given) times the cost of one of its elements, so nested lists multiply;</li>
 *   <li>{@code nodes(ids)} costs the number of ids times the cost of one node (duplicate ids are refused, so each id
 *       is one object);</li>
 *   <li>a mutation field costs {@value #MUTATION} plus its payload's selection;</li>
 *   <li>scalars, enums, {@code edges}, {@code cursor} and {@code pageInfo} cost nothing: they are read with their
 *       parent.</li>
 * </ul>
 * A selection under an interface sums the fragments of every type, a bound rather than an exact figure. The weight of
 * a Query against an item is what makes the budget bound calls, not only items: under a budget B a request issues at
 * most about B / {@value #QUERY} Queries. Costs saturate at {@value #CAP} so that no sum can overflow.
 */
public final class QueryCost implements FieldComplexityCalculator {
    /** What one list's Query weighs, in items: a round trip costs more than an item it brings. */
    public static final int QUERY = 10;
    /** What one mutation field weighs before its payload: at least one write round trip. */
    public static final int MUTATION = 10;
    static final int CAP = 1_000_000;

    /** The cost of {@code operationName} (null: the only one) of a parsed, validated document. */
    public static int of(GraphQLSchema schema, Document document, String operationName, CoercedVariables variables) {
        return QueryComplexityCalculator.newCalculator()
                .fieldComplexityCalculator(new QueryCost())
                .schema(schema)
                .document(document)
                .operationName(operationName)
                .variables(variables)
                .build()
                .calculate();
    }

    @Override
    public int calculate(FieldComplexityEnvironment env, int childCost) {
        GraphQLFieldDefinition field = env.getFieldDefinition();
        long cost;
        if (isMutation(env)) {
            cost = MUTATION + (long) childCost;
        } else if (field.getArgument("first") != null) {
            cost = QUERY + (long) PageArguments.first((Integer) env.getArguments().get("first")) * childCost;
        } else if (field.getName().equals("nodes") && field.getArgument("ids") != null) {
            List<String> ids = NodeWiring.requestedIds(idsOf(env));
            cost = (long) ids.size() * (1L + childCost);
        } else if (readsAnObject(field.getType())) {
            cost = 1L + childCost;
        } else {
            cost = childCost;
        }
        return (int) Math.min(cost, CAP);
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsOf(FieldComplexityEnvironment env) {
        return (List<String>) env.getArguments().get("ids");
    }

    private static boolean isMutation(FieldComplexityEnvironment env) {
        return env.getParentEnvironment() == null && env.getParentType() instanceof GraphQLObjectType parent
                && parent.getName().equals("Mutation");
    }

    /** An object or interface, except the parts of a connection that are rendered with it (edges, pageInfo). */
    private static boolean readsAnObject(GraphQLType type) {
        GraphQLUnmodifiedType named = GraphQLTypeUtil.unwrapAll(type);
        if (GraphQLTypeUtil.isLeaf(named)) {
            return false;
        }
        String name = ((GraphQLNamedType) named).getName();
        return !name.endsWith("Edge") && !name.equals("PageInfo");
    }
}
