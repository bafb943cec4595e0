package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.pipeline.QueryCorpus.Case;
import com.tenantgraph.pipeline.QueryCorpus.Expect;
import com.tenantgraph.pipeline.RandomDocuments.Profile;
import com.tenantgraph.pipeline.RepositoryQueries.Candidate;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.ParserOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link QueryParser#tryParse} to its one property: whenever it returns a Document, graphql-java's own parser
 * (as {@code ParseAndValidate.parse} runs it, with {@code ParserOptions.getDefaultOperationParserOptions()}) succeeds
 * on the same text and produces a deeply equal Document ({@link AstDiff}: node classes, tree shape and order, every
 * property, every {@code SourceLocation} with line, column and source name, literal values with their exact
 * representation). Declining ({@code null}) is always allowed by the property, so the tests also state exactly which
 * documents must not be declined, or the fast path could silently never run.
 *
 * <p>Comments and ignored characters are compared like every other property, and must be absent on both sides: the
 * default operation parser options of graphql-java 26.0 capture neither ({@code captureLineComments(false)},
 * {@code captureIgnoredChars(false)}), so every node has no comments and {@code IgnoredChars.EMPTY}; a fast path that
 * recorded them would be a difference. The options are asserted below so that a change of graphql-java's defaults
 * fails here first.
 *
 * <p>The same property holds {@code tryParse(text, options)}, the overload the pipeline calls with the options of
 * the execution's context, against graphql-java with those options: the production options (the token limit of
 * {@link QueryLimits}) and random tight limits of tokens, whitespace, characters and grammar-rule depth.
 *
 * <p>The inputs: the hand-written edge cases of {@link QueryCorpus}, every GraphQL document written in the
 * repository ({@link RepositoryQueries}), a few thousand random valid documents ({@link RandomDocuments}, two
 * profiles) and tens of thousands of mutations of them, and documents at graphql-java's token, whitespace,
 * character and depth limits. The seeds are fixed; a failure prints the seed, the document, and a shrunk reproducer
 * to add to the corpus.
 *
 * <p>Must not decline, exactly: every corpus case labelled {@code ACCEPT}; every executable document of the
 * repository without a block string; every document of the client profile ({@link Profile#COMMON}: no block strings,
 * no characters outside the Basic Multilingual Plane, no lone CR, U+2028 or byte-order mark, nothing near a limit).
 */
class QueryParserDifferentialTest {

    /** Fixed, so that every run tests the same inputs; {@code -DqueryParser.seed=N} explores others. */
    private static final long SEED = Long.getLong("queryParser.seed", 20261206L);
    /** {@code -DqueryParser.scale=N} multiplies the random inputs, for a longer exploratory run. */
    private static final int SCALE = Integer.getInteger("queryParser.scale", 1);
    private static final int COMMON_DOCUMENTS = 2_000 * SCALE;
    private static final int FULL_DOCUMENTS = 2_000 * SCALE;
    private static final int MUTATIONS = 20_000 * SCALE;
    private static final int TIGHT_OPTIONS = 6_000 * SCALE;
    private static final int FAILURES_SHOWN = 15;

    /** graphql-java's outcome for a text: the Document, or why it failed. */
    record Outcome(Document document, String error) {
    }

    static Outcome graphqlJava(String text) {
        return graphqlJava(text, null);
    }

    /**
     * graphql-java's outcome as the pipeline's fallback gets it: {@code ParseAndValidate.parse} with the options in
     * the execution's context, or its default operation options when {@code options} is null.
     */
    static Outcome graphqlJava(String text, ParserOptions options) {
        try {
            ExecutionInput.Builder input = ExecutionInput.newExecutionInput(text);
            if (options != null) {
                input.graphQLContext(Map.of(ParserOptions.class, options));
            }
            ParseAndValidateResult result = ParseAndValidate.parse(input.build());
            return result.isFailure() ? new Outcome(null, String.valueOf(result.getSyntaxException()))
                    : new Outcome(result.getDocument(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e.toString());
        }
    }

    /** The property broken by {@code text}, described, or empty when it holds. */
    static Optional<String> violation(String text) {
        return violation(text, null);
    }

    /** The property for {@code tryParse(text, options)}, or for {@code tryParse(text)} when options is null. */
    static Optional<String> violation(String text, ParserOptions options) {
        Document fast;
        try {
            fast = options == null ? QueryParser.tryParse(text) : QueryParser.tryParse(text, options);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.of("tryParse threw " + e);
        }
        if (fast == null) {
            return Optional.empty();
        }
        Outcome expected = graphqlJava(text, options);
        if (expected.document() == null) {
            return Optional.of("tryParse returned a Document but graphql-java fails: " + expected.error());
        }
        return AstDiff.firstDifference(expected.document(), fast).map(difference -> "AST differs at " + difference);
    }

    /** Collects violations across many inputs, so that one run reports all the kinds of failure it found. */
    static final class Failures {
        private final String label;
        private final ParserOptions options;
        private final List<String> reports = new ArrayList<>();
        private final Set<String> kinds = new LinkedHashSet<>();
        private int count;

        Failures(String label) {
            this(label, null);
        }

        /** Failures of {@code tryParse(text, options)} against graphql-java with the same options. */
        Failures(String label, ParserOptions options) {
            this.label = label;
            this.options = options;
        }

        void check(String where, String text) {
            violation(text, options).ifPresent(problem -> record(where, text, problem));
        }

        void record(String where, String text, String problem) {
            count++;
            String kind = kind(problem);
            if (reports.size() < FAILURES_SHOWN && kinds.add(kind)) {
                String shrunk = text.length() > 2_000 ? text.substring(0, 200) + "...(too long to shrink)"
                        : shrink(text, candidate -> violation(candidate, options)
                                .map(p -> kind(p).equals(kind)).orElse(false));
                reports.add(where + ": " + problem + "\n    document: "
                        + AstDiff.quote(text.length() > 2_000 ? text.substring(0, 2_000) + "..." : text)
                        + "\n    shrunk:   " + AstDiff.quote(shrunk)
                        + "\n      which gives: " + violation(shrunk, options).orElse("?")
                        + (options == null ? "" : "\n    options: " + describe(options)));
            }
        }

        /**
         * The kind of a failure, to report one of each and to shrink without changing it: the node class and the
         * property that differ, or how the parser failed, without values, positions or paths.
         */
        static String kind(String problem) {
            java.util.regex.Matcher difference = java.util.regex.Pattern
                    .compile("AST differs at (?:[^:]*/)?([A-Za-z]+)(?:\\[\\d+\\])?: (\\w+)").matcher(problem);
            if (difference.lookingAt()) {
                return "AST " + difference.group(1) + " " + difference.group(2);
            }
            return problem.replaceAll("(?s)(fails: |threw )(\\S+).*", "$1$2").replaceAll("\\d+", "N");
        }

        void assertNone() {
            assertThat(reports).as("%s: %d inputs break the property (first of each kind shown)", label, count)
                    .isEmpty();
        }
    }

    @Test
    void defaultOperationParserOptions_captureNeitherCommentsNorIgnoredChars_soNodesCarryNone() {
        // GIVEN the options ParseAndValidate.parse uses
        ParserOptions options = ParserOptions.getDefaultOperationParserOptions();

        // THEN comments and ignored characters are not captured, source locations are, with these limits
        assertThat(options.isCaptureLineComments()).isFalse();
        assertThat(options.isCaptureIgnoredChars()).isFalse();
        assertThat(options.isCaptureSourceLocation()).isTrue();
        assertThat(options.getMaxTokens()).isEqualTo(15_000);
        assertThat(options.getMaxWhitespaceTokens()).isEqualTo(200_000);
        assertThat(options.getMaxCharacters()).isEqualTo(1024 * 1024);
        assertThat(options.getMaxRuleDepth()).isEqualTo(500);
    }

    @Test
    void astDiff_namesTheFirstDifference_withItsPath() {
        // GIVEN documents that differ in one place each
        Document base = graphqlJava("{ a { b c(x: 1) } }").document();

        // THEN each difference is found, with the path to it
        assertThat(AstDiff.firstDifference(base, graphqlJava("{ a { b c(x: 1) } }").document())).isEmpty();
        assertThat(AstDiff.firstDifference(base, graphqlJava("{ a { b c(x:  1) } }").document())).contains(
                "Document/OperationDefinition[0]/SelectionSet/Field[0]/SelectionSet/Field[1]/Argument[0]/IntValue: "
                        + "sourceLocation 1:14 vs 1:15");
        assertThat(AstDiff.firstDifference(base, graphqlJava("{ a { b c(x: 2) } }").document()).orElseThrow())
                .contains("IntValue: value 1 vs 2");
        assertThat(AstDiff.firstDifference(graphqlJava("{ c(x: 1.5) }").document(),
                graphqlJava("{ c(x: 1.50) }").document()).orElseThrow()).contains("FloatValue: value");
        assertThat(AstDiff.firstDifference(base, graphqlJava("{ a { b d(x: 1) } }").document()).orElseThrow())
                .contains("Field[1]: name \"c\" vs \"d\"");
        assertThat(AstDiff.firstDifference(base, graphqlJava("{ a { b c(x: 1) e } }").document()).orElseThrow())
                .contains("selections has 2 vs 3 nodes");
        assertThat(AstDiff.firstDifference(base, graphqlJava("{ a { b c(x: \"1\") } }").document()).orElseThrow())
                .contains("Argument[0]/IntValue: class IntValue vs StringValue");
        assertThat(AstDiff.firstDifference(base, graphqlJava("\n{ a { b c(x: 1) } }").document()).orElseThrow())
                .contains("Document: sourceLocation 1:1 vs 2:1");
        Document withComments = new graphql.parser.Parser().parseDocument("# c\n{ a { b c(x: 1) } }");
        assertThat(AstDiff.firstDifference(graphqlJava("# c\n{ a { b c(x: 1) } }").document(), withComments)
                .orElseThrow()).contains("comments [] vs [#");
    }

    @Test
    void corpusCases_holdTheProperty_andTheCommonOnesAreNotDeclined() {
        Failures failures = new Failures("corpus");
        List<String> mislabelled = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        for (Case c : QueryCorpus.CASES) {
            // GIVEN a case whose label agrees with graphql-java
            Outcome expected = graphqlJava(c.text());
            if ((expected.document() == null) != (c.expect() == Expect.REJECT)) {
                mislabelled.add(c.name() + " is " + c.expect() + " but graphql-java gives "
                        + (expected.document() == null ? expected.error() : "a Document"));
            }
            // THEN the property holds, and a case to accept is not declined
            failures.check("case '" + c.name() + "'", c.text());
            if (c.expect() == Expect.ACCEPT && QueryParser.tryParse(c.text()) == null) {
                declined.add(c.name() + ": " + AstDiff.quote(c.text()));
            }
        }
        assertThat(mislabelled).as("corpus labels that disagree with graphql-java").isEmpty();
        failures.assertNone();
        assertThat(declined).as("cases the fast path must parse but declined").isEmpty();
    }

    @Test
    void everyDocumentInTheRepository_holdsTheProperty_andEachExecutableOneWithoutBlockStringsIsParsed() {
        // GIVEN every string literal with a brace in the repository's sources and docs
        List<Candidate> candidates = RepositoryQueries.scan(Path.of(".."));
        Failures failures = new Failures("repository");
        List<String> declined = new ArrayList<>();
        Set<String> filesWithQueries = new java.util.TreeSet<>();
        int executable = 0;
        for (Candidate candidate : candidates) {
            failures.check(candidate.origin(), candidate.text());
            Document expected = graphqlJava(candidate.text()).document();
            if (expected != null && isExecutable(expected) && !candidate.text().contains("\"\"\"")) {
                executable++;
                filesWithQueries.add(candidate.origin());
                if (QueryParser.tryParse(candidate.text()) == null) {
                    declined.add(candidate.origin() + ": " + AstDiff.quote(candidate.text()));
                }
            }
        }
        // THEN the scan found the queries where they are known to be written
        assertThat(filesWithQueries).contains(
                "local/src/test/java/com/tenantgraph/local/workspace/ProjectDeletionIT.java",
                "examples/urql-client/src/operations.ts",
                "README.md");
        assertThat(executable).as("executable documents found").isGreaterThanOrEqualTo(250);
        failures.assertNone();
        assertThat(declined).as("repository documents the fast path declined").isEmpty();
    }

    private static boolean isExecutable(Document document) {
        for (Definition<?> definition : document.getDefinitions()) {
            if (!(definition instanceof OperationDefinition) && !(definition instanceof FragmentDefinition)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void randomClientDocuments_areAllParsed_toTheSameDocument() {
        Failures failures = new Failures("random COMMON documents, seed " + SEED);
        List<String> declined = new ArrayList<>();
        RandomDocuments generator = new RandomDocuments(SEED, Profile.COMMON, 4);
        for (int i = 0; i < COMMON_DOCUMENTS; i++) {
            // GIVEN a valid document as a client would write it
            String document = generator.document();
            assertThat(graphqlJava(document).error()).as("generated document %d is valid: %s", i,
                    AstDiff.quote(document)).isNull();

            // THEN the fast path parses it, to the same Document
            failures.check("seed " + SEED + " COMMON document " + i, document);
            if (QueryParser.tryParse(document) == null && declined.size() < 3) {
                declined.add(i + ": " + AstDiff.quote(document) + "\n    shrunk to a valid document still declined: "
                        + AstDiff.quote(shrink(document, text -> graphqlJava(text).document() != null
                                && QueryParser.tryParse(text) == null)));
            }
        }
        failures.assertNone();
        assertThat(declined).as("client documents declined").isEmpty();
    }

    @Test
    void randomDocumentsWithEveryLexicalOddity_holdTheProperty() {
        Failures failures = new Failures("random FULL documents, seed " + SEED);
        RandomDocuments generator = new RandomDocuments(SEED, Profile.FULL, 4);
        for (int i = 0; i < FULL_DOCUMENTS; i++) {
            String document = generator.document();
            // graphql-java refuses a valid document whose surrogate pair straddles a 4096-character read (see the
            // corpus); only the property is checked for such a document
            if (document.length() < 4096 || document.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
                assertThat(graphqlJava(document).error()).as("generated document %d is valid: %s", i,
                        AstDiff.quote(document)).isNull();
            }
            failures.check("seed " + SEED + " FULL document " + i, document);
        }
        failures.assertNone();
    }

    @Test
    void mutatedDocuments_holdTheProperty() {
        Failures failures = new Failures("mutations, seed " + SEED);
        Random random = new Random(SEED);
        RandomDocuments common = new RandomDocuments(SEED + 1, Profile.COMMON, 1);
        RandomDocuments full = new RandomDocuments(SEED + 2, Profile.FULL, 1);
        List<String> corpus = QueryCorpus.CASES.stream().map(Case::text).toList();
        int parsed = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            // GIVEN a valid document, broken by one to three edits
            String original = switch (i % 3) {
                case 0 -> common.document();
                case 1 -> full.document();
                default -> corpus.get(random.nextInt(corpus.size()));
            };
            String mutated = RandomDocuments.mutate(original, random);

            // THEN whatever the fast path returns agrees with graphql-java
            failures.check("seed " + SEED + " mutation " + i, mutated);
            if (QueryParser.tryParse(mutated) != null) {
                parsed++;
            }
        }
        failures.assertNone();
        // and many mutants are still documents the fast path parses, so the comparison runs, not only the refusal
        assertThat(parsed).as("mutants the fast path parsed").isGreaterThan(MUTATIONS / 10);
    }

    @Test
    void documentsAtGraphqlJavasLimits_holdTheProperty() {
        Failures failures = new Failures("limits");
        // nesting: graphql-java counts grammar rules (500), reached at some depth of selections, lists or objects
        checkAroundLimit(failures, "nested selections", 0, depth -> "{a".repeat(depth) + "}".repeat(depth));
        checkAroundLimit(failures, "nested lists", 0, depth -> "{f(a:" + "[".repeat(depth) + "]".repeat(depth) + ")}");
        checkAroundLimit(failures, "nested objects", 0, depth -> "{f(a:" + "{a:".repeat(depth) + "1"
                + "}".repeat(depth) + ")}");
        checkAroundLimit(failures, "nested list types", 0, depth -> "query($v:" + "[".repeat(depth) + "T"
                + "]".repeat(depth) + "){a}");
        checkAroundLimit(failures, "nested inline fragments", 0, depth -> "{" + "...{".repeat(depth) + "a"
                + "}".repeat(depth) + "}");
        // mixed nesting, with the most rules spent around it (directive, arguments, variable definitions, enum)
        checkAroundLimit(failures, "selections then objects in a directive argument", 0, n -> "{" + "a{".repeat(n)
                + "f @d(x:" + "{a:".repeat(n) + "E" + "}".repeat(n) + ")" + "}".repeat(n) + "}");
        checkAroundLimit(failures, "selections then lists in an argument", 0, n -> "{" + "a{".repeat(n) + "f(x:"
                + "[".repeat(n) + "E" + "]".repeat(n) + ")" + "}".repeat(n) + "}");
        checkAroundLimit(failures, "non-null list types with a default of objects", 0, n -> "query($v:"
                + "[".repeat(n) + "T" + "!]".repeat(n) + "!=" + "{a:".repeat(n) + "E" + "}".repeat(n) + " @d(x:E)){a}");
        checkAroundLimit(failures, "inline fragments with directives", 0, n -> "{" + "... on T @d(x:E) {".repeat(n)
                + "a" + "}".repeat(n) + "}");
        checkAroundLimit(failures, "objects of lists", 0, n -> "{f(x:" + "{a:[".repeat(n) + "E" + "]}".repeat(n)
                + ")}");
        checkAroundLimit(failures, "fragment of aliased fields with directives", 0, n -> "fragment F on T {"
                + "x:a @d(y:[E]) {".repeat(n) + "b" + "}".repeat(n) + "}");
        // tokens: 15 000 significant tokens, EOF included
        checkAroundLimit(failures, "many fields", 14_997, count -> "{" + "a ".repeat(count) + "}");
        checkAroundLimit(failures, "many arguments", 4_998, count -> "{f(" + "a:1 ".repeat(count) + ")}");
        checkAroundLimit(failures, "many list values", 14_990, count -> "{f(a:[" + "1,".repeat(count) + "])}");
        // comments are counted on their own channel, against the same token limit
        checkAroundLimit(failures, "many comments", 15_000, count -> "{a" + "#\n".repeat(count) + "}");
        // whitespace: each space, tab, comma and line end is one token, 200 000 of them allowed
        checkAroundLimit(failures, "many spaces", 200_000, count -> "{" + " ".repeat(count) + "a}");
        checkAroundLimit(failures, "many commas", 200_000, count -> "{a" + ",".repeat(count) + "}");
        // characters: 1 MiB of text
        checkAroundLimit(failures, "long string", 1_048_567, length -> "{f(a:\"" + "x".repeat(length) + "\")}");
        checkAroundLimit(failures, "long comment", 1_048_571, length -> "{a#" + "x".repeat(length) + "\n}");
        failures.assertNone();
    }

    @Test
    void theProductionParserOptions_holdTheProperty_atTheirTokenLimit() {
        // GIVEN the options every execution's context carries (the token limit of QueryLimits)
        ParserOptions production = (ParserOptions) Execution.settings(QueryLimits.defaults(), false)
                .get(ParserOptions.class);
        Failures failures = new Failures("production options", production);

        // THEN generated documents, the corpus and documents around the token limit hold the property
        RandomDocuments generator = new RandomDocuments(SEED + 3, Profile.FULL, 3);
        for (int i = 0; i < 500; i++) {
            failures.check("seed " + SEED + " production document " + i, generator.document());
        }
        QueryCorpus.CASES.forEach(c -> failures.check("case '" + c.name() + "'", c.text()));
        int maxTokens = production.getMaxTokens();
        for (int fields = maxTokens - 4; fields <= maxTokens + 1; fields++) {
            failures.check(fields + " fields", "{" + "a ".repeat(fields - 2) + "}");
            failures.check(fields + " comments", "{a" + "#\n".repeat(fields) + "}");
        }
        failures.assertNone();
    }

    @Test
    void tightParserOptions_holdTheProperty() {
        // GIVEN small documents, each parsed with random small limits of tokens, whitespace, characters and depth,
        // and random capture settings
        Random random = new Random(SEED);
        RandomDocuments generator = new RandomDocuments(SEED + 4, Profile.FULL, 2);
        List<String> corpus = QueryCorpus.CASES.stream().map(Case::text).toList();
        List<String> reports = new ArrayList<>();
        for (QueryCorpus.DepthCase c : QueryCorpus.DEPTH_CASES) {
            Failures failures = new Failures("options", ParserOptions.getDefaultOperationParserOptions()
                    .transform(builder -> builder.maxRuleDepth(c.maxRuleDepth())));
            failures.check("case '" + c.name() + "'", c.text());
            reports.addAll(failures.reports);
        }
        for (int i = 0; i < TIGHT_OPTIONS; i++) {
            ParserOptions options = ParserOptions.getDefaultOperationParserOptions().transform(builder -> builder
                    .maxTokens(1 + random.nextInt(60))
                    .maxWhitespaceTokens(1 + random.nextInt(60))
                    .maxCharacters(1 + random.nextInt(300))
                    .maxRuleDepth(1 + random.nextInt(40))
                    .captureLineComments(random.nextInt(4) == 0)
                    .captureIgnoredChars(random.nextInt(10) == 0)
                    .captureSourceLocation(random.nextInt(10) > 0));
            String text = i % 4 == 0 ? corpus.get(random.nextInt(corpus.size())) : generator.document();
            Failures failures = new Failures("options", options);
            failures.check("seed " + SEED + " tight options " + i, text);
            if (!failures.reports.isEmpty() && reports.size() < FAILURES_SHOWN) {
                reports.addAll(failures.reports);
            }
        }
        assertThat(reports).as("documents that break the property with tight options").isEmpty();
    }

    static String describe(ParserOptions options) {
        return "maxTokens=" + options.getMaxTokens() + " maxWhitespaceTokens=" + options.getMaxWhitespaceTokens()
                + " maxCharacters=" + options.getMaxCharacters() + " maxRuleDepth=" + options.getMaxRuleDepth()
                + " captureLineComments=" + options.isCaptureLineComments() + " captureIgnoredChars="
                + options.isCaptureIgnoredChars() + " captureSourceLocation=" + options.isCaptureSourceLocation();
    }

    /**
     * Finds the largest size graphql-java accepts for a family of documents, and checks the property at that size
     * and just past it, where the fast path must decline. {@code expected} is the size computed from the limits (0
     * when unknown): when graphql-java agrees, two parses confirm it; otherwise a search finds the real one.
     */
    private static void checkAroundLimit(Failures failures, String family, int expected,
            java.util.function.IntFunction<String> document) {
        int low;
        if (expected > 0 && graphqlJava(document.apply(expected)).document() != null
                && graphqlJava(document.apply(expected + 1)).document() == null) {
            low = expected;
        } else {
            low = 1;
            int high = 2;
            while (graphqlJava(document.apply(high)).document() != null) {
                low = high;
                high *= 2;
                assertThat(high).as("%s: no limit found", family).isLessThan(4_000_000);
            }
            while (high - low > 1) {
                int middle = (low + high) >>> 1;
                if (graphqlJava(document.apply(middle)).document() != null) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
        }
        int largest = low;
        // smaller sizes too, where the fast path parses and is compared, not only declines
        for (int size : new int[] {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144}) {
            if (size >= largest - 1) {
                break;
            }
            String text = document.apply(size);
            int shown = size;
            violation(text).ifPresent(problem -> failures.record(family + " at size " + shown, text, problem));
        }
        for (int size : new int[] {largest - 1, largest, largest + 1, largest + 2}) {
            String text = document.apply(size);
            violation(text).ifPresent(problem -> failures.record(family + " at size " + size
                    + " (graphql-java accepts up to " + largest + ")", text, problem));
        }
    }

    /**
     * A smaller input that still fails the same way: removes chunks of characters, halving the chunk size, as long
     * as the failure remains (a simple delta-debugging pass).
     */
    static String shrink(String text, Predicate<String> stillFails) {
        String current = text;
        for (int chunk = Math.max(1, current.length() / 2); chunk >= 1; chunk /= 2) {
            boolean removed = true;
            while (removed) {
                removed = false;
                for (int at = 0; at + chunk <= current.length(); at++) {
                    String candidate = current.substring(0, at) + current.substring(at + chunk);
                    if (stillFails.test(candidate)) {
                        current = candidate;
                        removed = true;
                        break;
                    }
                }
            }
        }
        return current;
    }
}
