package com.tenantgraph.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.local.FreshJvm;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda runtime's own path: a fresh JVM whose environment is what template.yaml sets, calling the handler's
 * no-argument constructor (configuration from the environment, init warm-up, SnapStart registration) and answering a
 * request against moto. The in-process tests build the handler through its test constructor; this one does not.
 */
@ExtendWith(SharedMoto.class)
class RuntimeEntryIT {

    @Test
    void noArgumentConstructor_initialisesFromTheEnvironment_andAnswers(Table table) throws Exception {
        // GIVEN a tenant with a member in the table
        TenantId tenant = TenantId.of("runtime-entry");
        UserId user = UserId.of("runtime-user");
        ColdStartProbe.seedAdmin(table, tenant, user);
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();

        // WHEN a fresh JVM with the function's environment builds the handler as Lambda does and sends one request
        ProcessBuilder builder = FreshJvm.of(ColdStartProbe.class, "graphql", endpoint.toString(), table.name(),
                tenant.value(), user.value());
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(table.name(), endpoint));
        String output = FreshJvm.run(builder);

        // THEN it answered with the tenant's data
        assertThat(output).as(output).contains("done");
    }

    /**
     * What was taken off a cold start's path stays off it: each entry is a package or class the first request used to
     * load, with what replaced it. A class count is exact (no timing), so this is where a change that brings one back
     * is caught, rather than in the next benchmark run.
     */
    private static final Map<String, String> KEPT_OFF_THE_COLD_PATH = Map.of(
            "graphql.parser.antlr.", "graphql-java's ANTLR parser: pipeline/QueryParser parses the documents it can",
            "org.antlr.", "the ANTLR runtime, for the same reason",
            "java.lang.runtime.ObjectMethods", "a record's generated equals/hashCode (TableKey writes its own out)",
            "com.fasterxml.jackson.", "Jackson: com.tenantgraph.json.Json reads and writes the JSON",
            "graphql.execution.instrumentation.ChainedInstrumentation", "one instrumentation, Execution.Limits",
            "graphql.analysis.", "the depth and the cost: one walk of our own, pipeline/OperationSize");

    @Test
    void firstRequest_loadsNoneOfTheClassesKeptOffTheColdPath(Table table, @TempDir Path dir) throws Exception {
        // GIVEN a tenant with a member in the table
        TenantId tenant = TenantId.of("runtime-classes");
        UserId user = UserId.of("runtime-user");
        ColdStartProbe.seedAdmin(table, tenant, user);
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();

        // WHEN a fresh JVM logging each class it loads builds the handler as Lambda does and answers one request
        Path log = dir.resolve("classes.log");
        ProcessBuilder builder = FreshJvm.of(List.of("-Xlog:class+load=info:file=" + log), ColdStartProbe.class,
                "graphql", endpoint.toString(), table.name(), tenant.value(), user.value());
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(table.name(), endpoint));
        String output = FreshJvm.run(builder);
        assertThat(output).as(output).contains("done");

        // THEN it loaded our handler and graphql-java's execution, and none of what was taken off the path
        List<String> loaded = loadedClassNames(log);
        assertThat(loaded).contains("com.tenantgraph.api.GraphQlHandler", "graphql.execution.ExecutionStrategy");
        KEPT_OFF_THE_COLD_PATH.forEach((prefix, why) -> assertThat(loaded)
                .as("loaded at a cold start, although kept off its path (%s)", why)
                .noneMatch(name -> name.startsWith(prefix)));
    }

    /** The class names of a {@code -Xlog:class+load} file ({@code [uptime][info][class,load] name source: ...}). */
    private static List<String> loadedClassNames(Path log) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int start = line.indexOf("] ", line.indexOf("[class,load]"));
            int end = line.indexOf(' ', start + 2);
            if (line.contains("[class,load]") && start > 0) {
                names.add(line.substring(start + 2, end < 0 ? line.length() : end));
            }
        }
        return names;
    }
}
