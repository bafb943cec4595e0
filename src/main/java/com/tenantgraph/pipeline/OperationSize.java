package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.ValuesResolver;
import graphql.execution.conditional.ConditionalNodes;
import graphql.introspection.Introspection;
import graphql.language.DirectivesContainer;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import java.util.Locale;
import java.util.Map;

/**
 * The depth and the cost of one operation, from one walk of its validated document before any resolver runs: what
 * {@link QueryLimits} compares with its limits.
 *
 * <p>The walk follows graphql-java's {@code QueryTraverser}, on which the depth limit and the cost were computed
 * before (two walks and about thirty classes of {@code graphql.analysis} at a cold start, for two numbers): it
 * visits the fields of the operation's selection set, enters inline fragments and named fragment spreads whatever
 * their type condition (a selection under an interface counts the fragments of every type), and leaves out what
 * {@code @skip}/{@code @include} exclude with the operation's variables. A field selected twice (aliases, or the
 * same field in two fragments) counts twice: the walk does not merge fields as execution does, so the cost is an
 * upper bound. One difference, deliberate: a named fragment counts at every spread, as if written out there.
 * graphql-java's traverser enters a fragment's definition once per operation (its issue 1695), so a fragment spread
 * again deeper, or under a list, added nothing to either number: a way around both limits. Expanding every spread
 * stays bounded: graphql-java's validation refuses an operation of more than 100,000 fields once its fragments are
 * expanded, before this walk runs.
 * <ul>
 *   <li>The <b>depth</b> is the number of fields on the longest path from a root field down, the root field
 *       counting 1 ({@code { tenant { name } }} is 2); fragments add no level, and meta fields ({@code __typename},
 *       {@code __schema}, {@code __type} and the fields below them) count like any other.</li>
 *   <li>The <b>cost</b> is the sum over the root fields of the schema's {@link FieldCost} rule, which prices each
 *       field from its definition, its arguments (as execution coerces them) and the summed cost of its selection.
 *       Sums saturate at {@link Integer#MAX_VALUE}.</li>
 * </ul>
 * The rule may refuse an argument it cannot price (a page size out of range); that refusal is kept and thrown by
 * {@link #cost()}, so that the depth, known only once the walk ends, is checked first.
 */
public final class OperationSize {
    private final int depth;
    private final int cost;
    private final ApiException costRefusal;

    private OperationSize(int depth, int cost, ApiException costRefusal) {
        this.depth = depth;
        this.cost = cost;
        this.costRefusal = costRefusal;
    }

    /**
     * Walks {@code operation} (one of a validated document, whose named fragments are {@code fragments}) with its
     * coerced {@code variables}, pricing each field with {@code rule}.
     */
    public static OperationSize of(GraphQLSchema schema, OperationDefinition operation,
            Map<String, FragmentDefinition> fragments, CoercedVariables variables, FieldCost rule) {
        Walk walk = new Walk(schema, fragments, variables, rule);
        long cost = walk.selections(operation.getSelectionSet(), rootType(schema, operation), 1);
        return new OperationSize(walk.depth, saturated(cost), walk.costRefusal);
    }

    /** The number of fields on the longest path from a root field down (0 when every field is skipped). */
    public int depth() {
        return depth;
    }

    /** The operation's cost; throws the rule's refusal (BAD_USER_INPUT) instead when it refused an argument. */
    public int cost() {
        if (costRefusal != null) {
            throw costRefusal;
        }
        return cost;
    }

    /** Conditions rather than a switch on the enum, whose synthetic class would be one more at a cold start. */
    private static GraphQLCompositeType rootType(GraphQLSchema schema, OperationDefinition operation) {
        OperationDefinition.Operation kind = operation.getOperation();
        return kind == OperationDefinition.Operation.MUTATION ? schema.getMutationType()
                : kind == OperationDefinition.Operation.SUBSCRIPTION ? schema.getSubscriptionType()
                : schema.getQueryType();
    }

    private static int saturated(long cost) {
        return (int) Math.min(cost, Integer.MAX_VALUE);
    }

    /** One walk's state: the deepest level seen and the rule's first refusal. */
    private static final class Walk {
        private final GraphQLSchema schema;
        private final Map<String, FragmentDefinition> fragments;
        private final CoercedVariables variables;
        private final FieldCost rule;
        private final ConditionalNodes conditions = new ConditionalNodes();
        private final GraphQLContext context = GraphQLContext.getDefault();
        private int depth;
        private ApiException costRefusal;

        Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, CoercedVariables variables,
                FieldCost rule) {
            this.schema = schema;
            this.fragments = fragments;
            this.variables = variables;
            this.rule = rule;
        }

        /** The summed cost of the included fields of {@code set}, selected on {@code type}, {@code level} deep. */
        long selections(SelectionSet set, GraphQLCompositeType type, int level) {
            long sum = 0;
            for (Selection<?> selection : set.getSelections()) {
                if (!included((DirectivesContainer<?>) selection)) {
                    continue;
                }
                if (selection instanceof Field field) {
                    sum += field(field, type, level);
                } else if (selection instanceof InlineFragment fragment) {
                    GraphQLCompositeType condition = fragment.getTypeCondition() == null ? type
                            : (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName());
                    sum += selections(fragment.getSelectionSet(), condition, level);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    sum += selections(fragment.getSelectionSet(),
                            (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName()), level);
                }
            }
            return sum;
        }

        private long field(Field field, GraphQLCompositeType parentType, int level) {
            depth = Math.max(depth, level);
            GraphQLFieldDefinition definition = Introspection.getFieldDef(schema, parentType, field.getName());
            Map<String, Object> arguments = definition.getArguments().isEmpty() ? Map.of()
                    : ValuesResolver.getArgumentValues(schema.getCodeRegistry(), definition.getArguments(),
                            field.getArguments(), variables, context, Locale.getDefault());
            long selectionCost = field.getSelectionSet() == null ? 0 : selections(field.getSelectionSet(),
                    (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(definition.getType()), level + 1);
            try {
                return rule.of(new FieldCost.SelectedField(definition, parentType, level == 1, arguments),
                        saturated(selectionCost));
            } catch (ApiException refused) {
                if (costRefusal == null) {
                    costRefusal = refused;
                }
                return 0;
            }
        }

        /** As graphql-java's traverser decides: {@code @skip} and {@code @include} with the coerced variables. */
        private boolean included(DirectivesContainer<?> selection) {
            return conditions.shouldInclude(selection, variables.toMap(), schema, null);
        }
    }
}
