package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.graphql.QueryCost;
import com.tenantgraph.graphql.ReferenceCost;
import com.tenantgraph.graphql.Schema;
import com.tenantgraph.graphql.Services;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link OperationSize} computes the numbers graphql-java computes, on many operations valid against our schema: the
 * depth of {@link MaxQueryDepthInstrumentation} and the cost of {@link QueryComplexityCalculator} driven by the cost
 * rule as before ({@link ReferenceCost}), or the same refusal when the rule refuses an argument. The reference is
 * graphql-java on the document with every named fragment spread written out inline; on the document as sent, its
 * numbers are also ours unless a fragment is spread more than once, where graphql-java's traverser counted the first
 * spread only (the tests named {@code aFragmentSpreadTwice_...} show what that let through). Each operation runs
 * through a {@link GraphQL} of the real schema whose instrumentation, at {@code beginExecuteOperation}, computes both
 * sides from the same validated document and coerced variables, then aborts (no resolver runs). Operations come
 * from hand-written cases (the cost tests' among them), the parser's corpus, the documents of the repository and a
 * generator (fixed seeds) of fragments (some spread again), inline fragments on interfaces, {@code @skip} and
 * {@code @include} with literals and variables, aliases, {@code nodes(ids:)}, {@code first} as literal, variable or
 * absent, and meta fields.
 */
class OperationSizeDifferentialTest {
    private static final GraphQLSchema SCHEMA = Schema.executable(new Services(null, null, null, null, null, null,
            null, null, Runnable::run));

    /** One operation to compare: its document, operation name (null: the only one) and variables. */
    record Case(String origin, String document, String operationName, Map<String, Object> variables) {
    }

    /** The outcome of one side: the number, or the refusal's message. */
    record Outcome(Integer value, String refusal) {
        static Outcome of(Supplier<Integer> computation) {
            try {
                return new Outcome(computation.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage()
                        + (e instanceof ApiException api ? " " + api.extensions() : ""));
            }
        }
    }

    /** One side's two numbers on one document. */
    record Measured(int depth, Outcome cost) {
    }

    /**
     * What the comparison saw for one case: ours, graphql-java's on the document with every fragment spread written
     * out inline (the reference), and graphql-java's on the document as sent, which agrees with ours unless a named
     * fragment is spread more than once (graphql-java's traverser enters a fragment definition once per operation,
     * graphql-java issue 1695: its later spreads counted nothing, depth or cost).
     */
    record Comparison(Case c, Measured ours, Measured theirs, Measured theirsAsSent, boolean repeatsAFragment) {
        int ourDepth() {
            return ours.depth();
        }

        Outcome ourCost() {
            return ours.cost();
        }

        boolean agrees() {
            return ours.equals(theirs) && (repeatsAFragment || ours.equals(theirsAsSent));
        }
    }

    @Test
    void theHandWrittenCases_agree() {
        List<Comparison> compared = compareAll(HAND_WRITTEN);

        assertAgreement(compared);
        assertThat(compared).as("every hand-written case is valid and executed").hasSize(HAND_WRITTEN.size());
        assertThat(compared).as("some are refused by the rule, on both sides")
                .anyMatch(c -> c.ourCost().refusal() != null);
    }

    @Test
    void theDocumentsOfTheRepository_andOfTheParsersCorpus_agree() {
        List<Case> cases = new ArrayList<>();
        for (RepositoryQueries.Candidate candidate : RepositoryQueries.scan(Path.of(".."))) {
            cases.add(new Case(candidate.origin(), candidate.text(), null, Map.of()));
        }
        for (QueryCorpus.Case corpus : QueryCorpus.CASES) {
            cases.add(new Case("corpus: " + corpus.name(), corpus.text(), null, Map.of()));
        }

        List<Comparison> compared = compareAll(cases);

        assertAgreement(compared);
        // the rest do not validate against this schema, or need variables: they never reach the limits
        assertThat(compared.size()).as("documents valid against the schema").isGreaterThan(40);
    }

    @Test
    void generatedOperations_agree() {
        List<Case> cases = new ArrayList<>();
        for (long seed = 1; seed <= 1000; seed++) {
            cases.add(new Generator(seed).operation());
        }

        List<Comparison> compared = compareAll(cases);

        assertAgreement(compared);
        assertThat(compared.size()).as("generated operations valid against the schema").isGreaterThan(600);
        assertThat(compared).as("deep ones").anyMatch(c -> c.ourDepth() >= 6);
        assertThat(compared).as("some refused by the rule").anyMatch(c -> c.ourCost().refusal() != null);
        assertThat(compared).as("costly ones").anyMatch(c -> c.ourCost().value() != null
                && c.ourCost().value() > 10_000);
        assertThat(compared).as("fragments spread more than once").filteredOn(Comparison::repeatsAFragment)
                .hasSizeGreaterThan(50);
        assertThat(compared.stream().map(Comparison::c).map(Case::document))
                .anyMatch(d -> d.contains("@skip(if: $")).anyMatch(d -> d.contains("@include(if: true)"))
                .anyMatch(d -> d.contains("...F")).anyMatch(d -> d.contains("... on "))
                .anyMatch(d -> d.contains("nodes(ids: $")).anyMatch(d -> d.contains("first: $"))
                .anyMatch(d -> d.contains("__schema")).anyMatch(d -> d.startsWith("mutation"))
                .anyMatch(d -> d.startsWith("subscription"));
    }

    @Test
    void aFragmentSpreadTwice_costsAtEachSpread_whereGraphqlJavaCountedItsFirstSpreadOnly() {
        // WHEN a fragment with a list is spread under one project, then under each of a page of 100
        Measured[] measured = execute(hand(SPREAD_TWICE_COST), SPREAD_TWICE_COST, QueryCost::of);

        // THEN the walk prices both spreads: project 1 + 15, the page 10 + 100 × (1 + 15), as execution reads them;
        // graphql-java's traverser entered the fragment once and priced the page's 100 tasks lists at nothing
        assertThat(measured[0].cost().value()).isEqualTo(1 + 15 + 10 + 100 * (1 + 15));
        assertThat(measured[1].cost().value()).isEqualTo(1 + 15 + 10 + 100);
    }

    @Test
    void aFragmentSpreadTwice_isAsDeepAsItsDeepestSpread_whereGraphqlJavaSawItsFirstSpreadOnly() {
        // WHEN a fragment nine fields deep is spread one level down, then eight levels down
        Measured[] measured = execute(hand(SPREAD_TWICE_DEPTH), SPREAD_TWICE_DEPTH, QueryCost::of);

        // THEN the walk's depth is the deepest spread's, 8 + 9; graphql-java's was the first spread's, 1 + 9,
        // within the default limit of 15
        assertThat(measured[0].depth()).isEqualTo(17);
        assertThat(measured[1].depth()).isEqualTo(10);
    }

    @Test
    void aCostBeyondAnInt_saturates_whereGraphqlJavasSumWrappedBelowTheBudget() {
        // GIVEN 2148 expansions of a subtree at the cap (a million each), within graphql-java's validation limits
        // (about 21,000 fields once the fragments are expanded), whose total an int cannot hold

        // WHEN both sides price it
        Measured[] measured = execute(hand(OVERFLOWING), OVERFLOWING, QueryCost::of);

        // THEN the walk saturates; graphql-java's traverser entered each fragment once (one subtree: a million)
        assertThat(measured[0].cost().value()).isEqualTo(Integer.MAX_VALUE);
        assertThat(measured[1].cost().value()).isEqualTo(1_000_000);
    }

    @Test
    void aRuleThatDiffers_isNoticed() {
        // GIVEN a walk whose rule adds one to every field's cost
        FieldCost broken = (field, selectionCost) -> QueryCost.of(field, selectionCost) + 1;

        // THEN the comparison sees the difference: the harness can fail
        Comparison compared = compare(HAND_WRITTEN.get(0), broken);
        assertThat(compared).isNotNull();
        assertThat(compared.agrees()).isFalse();
    }

    private static void assertAgreement(List<Comparison> compared) {
        List<String> disagreements = compared.stream().filter(c -> !c.agrees())
                .map(c -> c.c().origin() + "\n  " + c.c().document() + "\n  variables " + c.c().variables()
                        + "\n  ours " + c.ours() + "\n  theirs, fragments inlined " + c.theirs()
                        + "\n  theirs, as sent " + c.theirsAsSent())
                .collect(Collectors.toList());
        assertThat(disagreements).isEmpty();
    }

    private static List<Comparison> compareAll(List<Case> cases) {
        List<Comparison> compared = new ArrayList<>();
        for (Case c : cases) {
            Comparison comparison = compare(c, QueryCost::of);
            if (comparison != null) {
                compared.add(comparison);
            }
        }
        return compared;
    }

    /** Both sides on one case, or null when graphql-java does not reach the execution (invalid document...). */
    private static Comparison compare(Case c, FieldCost rule) {
        Measured[] asSent = execute(c, c.document(), rule);
        if (asSent == null) {
            return null;
        }
        Measured[] inlined = execute(c, Inlining.inlined(c.document()), rule);
        assertThat(inlined).as("the document with its fragments inlined is executed too").isNotNull();
        return new Comparison(c, asSent[0], inlined[1], asSent[1], Inlining.repeatsAFragment(c.document()));
    }

    /**
     * Ours and graphql-java's numbers on {@code document}, from the validated document and coerced variables of one
     * execution that is then aborted; null when graphql-java does not reach the execution.
     */
    private static Measured[] execute(Case c, String document, FieldCost rule) {
        Measured[][] seen = new Measured[1][];
        GraphQL graphQl = GraphQL.newGraphQL(SCHEMA).instrumentation(new SimplePerformantInstrumentation() {
            @Override
            public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                    InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
                ExecutionContext execution = parameters.getExecutionContext();
                OperationSize ours = OperationSize.of(execution.getGraphQLSchema(),
                        execution.getOperationDefinition(), execution.getFragmentsByName(),
                        execution.getCoercedVariables(), rule);
                int[] theirDepth = {-1};
                new MaxQueryDepthInstrumentation(-1, info -> {
                    theirDepth[0] = info.getDepth();
                    return false;
                }).beginExecuteOperation(parameters, state);
                Outcome theirCost = Outcome.of(() -> QueryComplexityCalculator.newCalculator()
                        .fieldComplexityCalculator(new ReferenceCost()).schema(execution.getGraphQLSchema())
                        .document(execution.getDocument()).operationName(c.operationName())
                        .variables(execution.getCoercedVariables()).build().calculate());
                seen[0] = new Measured[] {new Measured(ours.depth(), Outcome.of(ours::cost)),
                        new Measured(theirDepth[0], theirCost)};
                throw new AbortExecutionException("compared");
            }
        }).build();
        ExecutionResult result;
        try {
            result = graphQl.execute(ExecutionInput.newExecutionInput(document)
                    .operationName(c.operationName()).variables(c.variables()).build());
        } catch (RuntimeException parserCrash) {
            // the corpus holds the two inputs graphql-java's own parser crashes on (DocumentCacheTest)
            assertThat(seen[0]).as("a crash before execution").isNull();
            return null;
        }
        if (seen[0] != null) {
            assertThat(result.getErrors()).as("nothing ran after the comparison").hasSize(1);
        }
        return seen[0];
    }

    /** A document with each named fragment spread written out as an inline fragment, recursively. */
    static final class Inlining {
        private Inlining() {
        }

        static String inlined(String text) {
            Document document = Parser.parse(text);
            Map<String, FragmentDefinition> fragments = fragments(document);
            List<Definition> operations = new ArrayList<>();
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                operations.add(operation.transform(b -> b.selectionSet(inline(operation.getSelectionSet(),
                        fragments))));
            }
            return AstPrinter.printAst(Document.newDocument().definitions(operations).build());
        }

        /**
         * Whether some named fragment is entered more than once when every spread is expanded (a spread inside a
         * fragment spread twice counts twice): the documents on which graphql-java's traverser counted less.
         */
        static boolean repeatsAFragment(String text) {
            Document document = Parser.parse(text);
            return countSpreads(document) > fragments(document).size();
        }

        private static int countSpreads(Document document) {
            Map<String, FragmentDefinition> fragments = fragments(document);
            int count = 0;
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                count += spreads(operation.getSelectionSet(), fragments);
            }
            return count;
        }

        private static int spreads(SelectionSet set, Map<String, FragmentDefinition> fragments) {
            int count = 0;
            for (Selection<?> selection : set == null ? List.<Selection<?>>of() : set.getSelections()) {
                if (selection instanceof Field field) {
                    count += spreads(field.getSelectionSet(), fragments);
                } else if (selection instanceof InlineFragment fragment) {
                    count += spreads(fragment.getSelectionSet(), fragments);
                } else if (selection instanceof FragmentSpread spread) {
                    count += 1 + spreads(fragments.get(spread.getName()).getSelectionSet(), fragments);
                }
            }
            return count;
        }

        private static Map<String, FragmentDefinition> fragments(Document document) {
            return document.getDefinitionsOfType(FragmentDefinition.class).stream()
                    .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        }

        private static SelectionSet inline(SelectionSet set, Map<String, FragmentDefinition> fragments) {
            if (set == null) {
                return null;
            }
            List<Selection> selections = new ArrayList<>();
            for (Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    selections.add(field.transform(b -> b.selectionSet(inline(field.getSelectionSet(), fragments))));
                } else if (selection instanceof InlineFragment fragment) {
                    selections.add(fragment.transform(b -> b.selectionSet(inline(fragment.getSelectionSet(),
                            fragments))));
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    selections.add(InlineFragment.newInlineFragment().typeCondition(definition.getTypeCondition())
                            .directives(spread.getDirectives())
                            .selectionSet(inline(definition.getSelectionSet(), fragments)).build());
                }
            }
            return set.transform(b -> b.selections(selections));
        }
    }

    private static final String PROJECTS = "projects(first: 100) { edges { node { tasks(first: 100) { edges { node {"
            + " comments(first: 100) { edges { node { body } } } } } } } } }";

    /** A fragment with a list of 5 tasks (15), spread under one project, then under each of 100 projects. */
    static final String SPREAD_TWICE_COST = "{ project(key: \"A\") { ...X } projects(first: 100) { edges { node {"
            + " ...X } } } } fragment X on Project { tasks(first: 5) { edges { node { id } } } }";

    /** A fragment nine fields deep, spread at level 1, then at level 8. */
    static final String SPREAD_TWICE_DEPTH = "{ task(id: \"t\") { ...D } nodes(ids: [\"p\"]) { ... on Project { tasks {"
            + " edges { node { project { tasks { edges { node { ...D } } } } } } } } } } fragment D on Task { project {"
            + " tasks { edges { node { project { tasks { edges { node { identifier } } } } } } } } }";

    /** 2 × 10⁹ + 14 × 10⁷ + 8 × 10⁶ = 2,148,000,000, one more million than an int holds. */
    static final String OVERFLOWING = "{ ...F3 ...F3" + " ...F1".repeat(14) + " ...F0".repeat(8) + " }"
            + " fragment F3 on Query {" + " ...F2".repeat(10) + " }"
            + " fragment F2 on Query {" + " ...F1".repeat(10) + " }"
            + " fragment F1 on Query {" + " ...F0".repeat(10) + " }"
            + " fragment F0 on Query { " + PROJECTS + " }";

    private static final List<Case> HAND_WRITTEN = List.of(
            hand("{ me { id email name role } tenant { name plan __typename } }"),
            hand("{ projects { edges { cursor node { key name } } pageInfo { hasNextPage endCursor } } }"),
            hand("{ projects(first: 0) { pageInfo { hasNextPage } } }"),
            hand("{ projects(first: 10) { edges { node { key tasks(first: 20) { edges { node { identifier"
                    + " assignee { name } reporter { name } } } } } } } }"),
            new Case("hand", "query($n: Int) { projects(first: $n) { edges { node { key } } } }", null,
                    Map.of("n", 50)),
            new Case("hand", "query($n: Int) { projects(first: $n) { edges { node { key } } } }", null, Map.of()),
            new Case("hand", "query($n: Int = 7) { projects(first: $n) { edges { node { key } } } }", null,
                    Map.of()),
            hand("{ nodes(ids: [\"a\", \"b\", \"c\"]) { id ... on Project { tasks(first: 5) { edges { node { id } } }"
                    + " } } }"),
            hand("{ nodes(ids: [\"a\", \"b\", \"a\"]) { id } }"),
            hand("{ projects(first: 101) { edges { node { key } } } }"),
            hand("{ projects(first: -1) { edges { node { key } } } }"),
            hand("mutation { createProject(input: {key: \"AB\", name: \"x\"}) { project { id key } } }"),
            hand("mutation { __typename createProject(input: {key: \"AB\", name: \"x\"}) { __typename } }"),
            hand("{ " + PROJECTS + " }"),
            hand("{ a: " + PROJECTS + " b: " + PROJECTS + " }"),
            hand("{ __typename tenant { name } __schema { queryType { name } types { name fields { name } } } }"),
            hand("{ tenant { name } __type(name: \"Project\") { name fields { type { ofType { name } } } } }"),
            hand("{ ...Me ... on Query { tenant { ...T } } } fragment Me on Query { me { ...U } }"
                    + " fragment U on User { name } fragment T on Tenant { name }"),
            new Case("hand", "query A { me { name } } query B { tenant { name } projects { edges { node { key } } } }",
                    "B", Map.of()),
            new Case("hand", "query($s: Boolean!, $i: Boolean!) { me @skip(if: $s) { name } tenant @include(if: $i)"
                    + " { name } ... @skip(if: $i) { projects { pageInfo { hasNextPage } } } }", null,
                    Map.of("s", true, "i", false)),
            hand("{ me { assignedTasks(first: 5) @skip(if: true) { edges { node { id } } } name } }"),
            hand("{ nodes(ids: [\"x\"]) { ... on Task { comments(first: 100) { edges { node { author { name } } } } }"
                    + " ... on Comment { task { project { key } } } } }"),
            hand("{ ... @skip(if: true) { tenant { name } } }"),
            new Case("hand", "subscription($p: ID!) { taskChanged(projectId: $p) { __typename } }", null,
                    Map.of("p", "x")));

    private static Case hand(String document) {
        return new Case("hand", document, null, Map.of());
    }

    /**
     * Random operations valid against the schema (mostly: a generated document graphql-java does not validate is
     * left out of the comparison). Fields are chosen among those whose required arguments can be written; every field
     * with arguments gets an alias of its own, so that selections merge.
     */
    static final class Generator {
        private final Random random;
        private final StringBuilder fragments = new StringBuilder();
        private final Map<String, List<String>> fragmentsOn = new LinkedHashMap<>();
        private final List<String> variableDefinitions = new ArrayList<>();
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private int names;

        Generator(long seed) {
            this.random = new Random(seed);
        }

        Case operation() {
            int kind = random.nextInt(20);
            String keyword;
            String selection;
            if (kind == 0) {
                keyword = "mutation";
                selection = "{ m1: createProject(input: {key: \"AB\", name: \"x\"}) " + selectionOf(
                        (GraphQLCompositeType) SCHEMA.getType("CreateProjectPayload"), 2, 1)
                        + (random.nextBoolean() ? " __typename" : "") + " }";
            } else if (kind == 1) {
                keyword = "subscription";
                selection = "{ taskChanged(projectId: \"p\") " + selectionOf(
                        (GraphQLCompositeType) SCHEMA.getType("TaskChangedEvent"), 2, 1) + " }";
            } else {
                keyword = "query";
                selection = selectionOf(SCHEMA.getQueryType(), 1, 2 + random.nextInt(10));
            }
            String definitions = variableDefinitions.isEmpty() ? ""
                    : "(" + String.join(", ", variableDefinitions) + ")";
            return new Case("generated", keyword + definitions + " " + selection + fragments, null, variables);
        }

        private String selectionOf(GraphQLCompositeType type, int level, int maxLevel) {
            List<String> parts = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                int kind = random.nextInt(12);
                if (kind == 0) {
                    parts.add("__typename" + directive());
                } else if (kind == 1 && type == SCHEMA.getQueryType() && level == 1) {
                    parts.add(names("m") + ": __schema { queryType { name } types { name fields { name } } }");
                } else if (kind == 2 && type instanceof GraphQLObjectType) {
                    List<String> written = fragmentsOn.computeIfAbsent(type.getName(), t -> new ArrayList<>());
                    if (!written.isEmpty() && random.nextBoolean()) {
                        // a fragment spread again (only one already written: no cycle)
                        parts.add("..." + written.get(random.nextInt(written.size())) + directive());
                        continue;
                    }
                    String name = names("F");
                    String selection = selectionOf(type, level, maxLevel);
                    fragments.append(" fragment ").append(name).append(" on ").append(type.getName()).append(' ')
                            .append(selection);
                    written.add(name);
                    parts.add("..." + name + directive());
                } else if (kind == 3) {
                    parts.add("..." + directive() + " " + selectionOf(type, level, maxLevel));
                } else if (kind <= 5 && type instanceof GraphQLInterfaceType face) {
                    List<GraphQLObjectType> implementations = SCHEMA.getImplementations(face);
                    GraphQLObjectType on = implementations.get(random.nextInt(implementations.size()));
                    parts.add("... on " + on.getName() + directive() + " " + selectionOf(on, level, maxLevel));
                } else {
                    parts.add(field((GraphQLFieldsContainer) type, level, maxLevel));
                }
            }
            return "{ " + String.join(" ", parts) + " }";
        }

        private String field(GraphQLFieldsContainer type, int level, int maxLevel) {
            // mostly objects while the level allows, so that lists nest
            boolean leaf = level >= maxLevel || random.nextInt(10) < 3;
            List<GraphQLFieldDefinition> choices = type.getFieldDefinitions().stream()
                    .filter(f -> f.getArguments().stream().allMatch(a -> argument(a, true) != null))
                    .filter(f -> GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(f.getType())) == leaf)
                    .collect(Collectors.toList());
            if (choices.isEmpty()) {
                return "__typename";
            }
            GraphQLFieldDefinition field = choices.get(random.nextInt(choices.size()));
            List<String> arguments = new ArrayList<>();
            for (GraphQLArgument argument : field.getArguments()) {
                String value = argument(argument, false);
                if (value != null && !value.isEmpty()) {
                    arguments.add(argument.getName() + ": " + value);
                }
            }
            String alias = !arguments.isEmpty() || random.nextInt(3) == 0 ? names("a") + ": " : "";
            String written = alias + field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments)
                    + ")") + directive();
            GraphQLType named = GraphQLTypeUtil.unwrapAll(field.getType());
            return named instanceof GraphQLCompositeType composite
                    ? written + " " + selectionOf(composite, level + 1, maxLevel) : written;
        }

        /** An argument's value: null when it cannot be written, "" to leave it out (it is optional). */
        private String argument(GraphQLArgument argument, boolean probe) {
            GraphQLInputType type = argument.getType();
            boolean required = type instanceof GraphQLNonNull && !argument.hasSetDefaultValue();
            if (argument.getName().equals("first")) {
                if (probe) {
                    return "";
                }
                return switch (random.nextInt(5)) {
                    case 0 -> "";
                    case 1 -> variable("Int", random.nextInt(8) == 0 ? null : page());
                    case 2 -> variable("Int = " + page(), random.nextBoolean() ? null : page());
                    default -> String.valueOf(page());
                };
            }
            if (argument.getName().equals("ids")) {
                if (probe) {
                    return "";
                }
                List<String> ids = IntStream.range(0, 1 + random.nextInt(4)).mapToObj(i -> "id" + random.nextInt(30))
                        .collect(Collectors.toList());
                return random.nextBoolean() ? variable("[ID!]!", ids)
                        : ids.stream().map(id -> '"' + id + '"').collect(Collectors.joining(", ", "[", "]"));
            }
            if (!required) {
                return "";
            }
            GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
            String name = ((GraphQLNamedType) named).getName();
            return switch (name) {
                case "ID", "String" -> "\"x\"";
                case "Date" -> "\"2026-12-24\"";
                case "Int" -> "1";
                default -> named instanceof GraphQLEnumType e ? e.getValues().get(0).getName() : null;
            };
        }

        private int page() {
            return random.nextInt(30) == 0 ? 101 + random.nextInt(3) : random.nextInt(101);
        }

        private String directive() {
            return switch (random.nextInt(16)) {
                case 0 -> " @skip(if: " + random.nextBoolean() + ")";
                case 1 -> " @include(if: " + random.nextBoolean() + ")";
                case 2 -> " @skip(if: " + variable("Boolean!", random.nextBoolean()) + ")";
                case 3 -> " @include(if: " + variable("Boolean = true", random.nextBoolean() ? null : false) + ")";
                default -> "";
            };
        }

        /** A new variable of {@code type}, given {@code value} (null: not given). */
        private String variable(String type, Object value) {
            String name = names("v");
            variableDefinitions.add("$" + name + ": " + type);
            if (value != null) {
                variables.put(name, value);
            }
            return "$" + name;
        }

        private String names(String prefix) {
            return prefix + ++names;
        }
    }
}
