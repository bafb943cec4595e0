package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front ends against the running local stack, each the program a developer runs (Node.js 20, installed from the
 * lockfiles by the build's pre-integration-test phase): the examples under examples/ (plain fetch with the Cognito
 * SDK; urql with types generated from schema.graphqls; a tenant's sign-up), the GraphiQL page as served (check.mjs's
 * rules for the CSP and config block) and GraphiQL in headless Chromium (web/browser-test: sign-in, query, refresh,
 * FORBIDDEN, sign-out, CORS from another origin). One after another: fetch-client pages through a project's tasks
 * and expects the count it read first.
 */
@ExtendWith(SharedLocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontEndIT {
    /** The browser test's "no browser" exit code: a skip on a developer's machine (under CI=true it exits 1). */
    private static final int NO_BROWSER = 3;

    private static Path outputs;

    /** The outputs file the programs read (TG_OUTPUTS), with the keys of .local/outputs.json, for this run's stack. */
    @BeforeAll
    static void writeOutputs(LocalStack stack, @TempDir Path directory) throws IOException {
        outputs = directory.resolve("outputs.json");
        Files.writeString(outputs, JSON.std.asString(stack.outputs()));
    }

    @Test
    @Order(1)
    void fetchClient_signsIn_pagesThroughCursors_mutatesWithVersions_andRetriesIdempotently() {
        assertExample("examples/fetch-client", "main.mjs");
    }

    @Test
    @Order(2)
    void urqlClient_withTypedOperationsGeneratedFromTheSchema() {
        assertExample("examples/urql-client", "dist/main.js");
    }

    @Test
    @Order(3)
    void signup_ofANewTenantsAdmin_asAFrontEndDoesIt() {
        assertExample("examples/signup", "main.mjs");
    }

    @Test
    @Order(4)
    void graphiql_asServed_allowsOnlyItsOwnOriginAndItsConfiguredEndpoints(LocalStack stack) {
        NodeProgram.Outcome outcome = NodeProgram.run(RepoFiles.root(), Map.of(), "web/graphiql/check.mjs",
                "--out", RepoFiles.root().resolve("graphql/target/classes/graphiql").toString(),
                "--served", stack.output("graphiqlUrl"));
        assertThat(outcome.exitCode()).as(outcome.describe("check.mjs --served")).isZero();
    }

    @Test
    @Order(5)
    void graphiql_inHeadlessChromium(LocalStack stack) {
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("TG_GRAPHIQL_URL", stack.output("graphiqlUrl"));
        environment.put("TG_SCREENSHOTS_DIR", RepoFiles.root().resolve("local/target/graphiql-screenshots").toString());
        NodeProgram.Outcome outcome = NodeProgram.run(RepoFiles.root().resolve("web/browser-test"), environment,
                "graphiql.test.mjs");
        if (outcome.exitCode() == NO_BROWSER && System.getenv("CI") == null) {
            // a developer's machine without Chromium; CI installs it (.ci/run), so there a missing browser fails
            Assumptions.abort(outcome.output());
        }
        assertThat(outcome.exitCode()).as(outcome.describe("the GraphiQL browser test")).isZero();
    }

    private static void assertExample(String folder, String program) {
        NodeProgram.Outcome outcome = NodeProgram.run(RepoFiles.root().resolve(folder), environment(), program);
        assertThat(outcome.exitCode()).as(outcome.describe(folder + "/" + program)).isZero();
    }

    /** TG_OUTPUTS; CI passes through on its own (the child inherits the environment). */
    private static Map<String, String> environment() {
        return Map.of("TG_OUTPUTS", outputs.toString());
    }
}
