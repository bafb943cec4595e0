package com.tenantgraph.graphql;

import com.tenantgraph.graphql.pagination.PageArguments;
import com.tenantgraph.pipeline.FieldCost;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
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
 *   <li>scalars, enums, {@code __typename}, {@code edges}, {@code cursor} and {@code pageInfo} cost nothing: they are
 *       read with their parent.</li>
 * </ul>
 * A selection under an interface sums the fragments of every type, a bound rather than an exact figure. The weight of
 * a Query against an item is what makes the budget bound calls, not only items: under a budget B a request issues at
 * most about B / {@value #QUERY} Queries. Costs saturate at {@value #CAP} so that no sum can overflow.
 *
 * <p>This class is the rule for one field ({@link #of}); the pipeline's {@code OperationSize} walks the operation,
 * sums the fields' costs bottom up (a field's selection is the sum of the fields under it) and computes the depth in
 * the same walk.
 */
public final class QueryCost {
    /** What one list's Query weighs, in items: a round trip costs more than an item it brings. */
    public static final int QUERY = 10;
    /** What one mutation field weighs before its payload: at least one write round trip. */
    public static final int MUTATION = 10;
    static final int CAP = 1_000_000;

    private QueryCost() {
    }

    /**
     * What one field costs, its selection costing {@code selectionCost} (a {@link FieldCost}); BAD_USER_INPUT for a
     * page size out of range or a repeated id of {@code nodes}.
     */
    public static int of(FieldCost.SelectedField field, int selectionCost) {
        GraphQLFieldDefinition definition = field.definition();
        long cost;
        if (definition.getName().equals("__typename")) {
            cost = 0;
        } else if (isMutation(field)) {
            cost = MUTATION + (long) selectionCost;
        } else if (definition.getArgument("first") != null) {
            cost = QUERY + (long) PageArguments.first((Integer) field.arguments().get("first")) * selectionCost;
        } else if (definition.getName().equals("nodes") && definition.getArgument("ids") != null) {
            List<String> ids = NodeWiring.requestedIds(idsOf(field));
            cost = (long) ids.size() * (1L + selectionCost);
        } else if (readsAnObject(definition.getType())) {
            cost = 1L + selectionCost;
        } else {
            cost = selectionCost;
        }
        return (int) Math.min(cost, CAP);
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsOf(FieldCost.SelectedField field) {
        return (List<String>) field.arguments().get("ids");
    }

    private static boolean isMutation(FieldCost.SelectedField field) {
        return field.topLevel() && field.parentType() instanceof GraphQLObjectType parent
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
