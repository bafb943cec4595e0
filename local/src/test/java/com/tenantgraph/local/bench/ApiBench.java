package com.tenantgraph.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.TokenAuthorizerHandler;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.local.emulator.FreshTable;
import com.tenantgraph.local.LocalSettings;
import com.tenantgraph.local.emulator.MotoServer;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.gateway.ApiDefinition;
import com.tenantgraph.local.gateway.LocalApiGateway;
import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.pipeline.QueryLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The GraphQL Lambda's figures of docs/benchmarks.md, each beside its baseline measured in the same run (these
 * machines are shared and noisy: the medians and the ratios are the figures, not the absolute times):
 * <ol>
 *   <li>the jar: the Lambda jar's size;</li>
 *   <li>cold start: fresh JVMs under C1 ({@code -XX:TieredStopAtLevel=1}, as Lambda), sized for the function's
 *       memory ({@code -XX:MaxRAM} of its MemorySize), on the Lambda jar, the runtime's
 *       constructor answering one authorized event, against a floor JVM that builds a DynamoDB client and does one
 *       GetItem, alternated; wall, CPU, peak RSS and classes; the same with an AppCDS archive the bench dumps from a
 *       training run, and another build's Lambda jar when one is given ({@code -Dbench.baselineLambdaJar}); then the
 *       init's steps one at a time (wall, class loading, classes);</li>
 *   <li>warm, in-process: a GraphQL read of one item (membership included) beside the raw BatchGetItem of the same keys
 *       and a raw GetItem; the nested query beside its levels x one round trip, its sequential round trips counted;</li>
 *   <li>load: a read mix and a read/write mix through the local API Gateway (real TOKEN authorizer, real handler) from
 *       a pool of keep-alive connections, beside the same DynamoDB calls replayed straight at moto with the same
 *       concurrency, so our overhead shows apart from the emulator's.</li>
 * </ol>
 * Prints each figure, writes the run to {@code target/bench/bench.json} (with the authorizer's, when its bench ran
 * first) and draws {@code docs/bench-cold-start.svg} and {@code docs/bench-load.svg}. Run with {@code ./dev bench}.
 * Subscription delivery latency joins as a bench class of its own: it adds its section to the report through
 * {@link BenchReport#section} (see the hook in {@link #main}).
 */
public final class ApiBench {
    private static final String TABLE = "bench";
    private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 7);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final int LOAD_REQUESTS = Integer.getInteger("bench.loadRequests", 3000);
    private static final Path LAMBDA_JAR = Path.of("graphql/target/tenantgraph-graphql-lambda.jar");
    /**
     * Another build's Lambda jar (-Dbench.baselineLambdaJar, set by {@code TG_BENCH_BASELINE=<git ref> ./dev bench}):
     * its cold start joins the alternation, so a change's before and after are measured in the same minutes.
     */
    private static final String BASELINE_LAMBDA_JAR = System.getProperty("bench.baselineLambdaJar");
    private static final String BASELINE_NAME = System.getProperty("bench.baselineName", "baseline");
    private static final Path OUT = Path.of("target/bench");
    /**
     * The GraphQL function's MemorySize in template.yaml. A Lambda execution environment has that much memory, and
     * the JVM sizes its heap from the memory it sees, so the cold-start JVMs get it as {@code -XX:MaxRAM}: on this
     * machine's 24 GB the young generation would outgrow everything init allocates, no collection would run before
     * the first answer, and peak memory would count garbage a function's JVM never keeps.
     */
    private static final int FUNCTION_MEMORY_MIB = functionMemoryMiB("GraphQlFunction");

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(OUT);
        BenchReport report = new BenchReport();
        try (MotoServer moto = MotoServer.start(Ports.free(), Files.createTempDirectory("tenantgraph-bench"));
             DynamoDbClient client = AwsClients.dynamoDb(AwsClients.Settings.local(moto.endpoint(), "us-east-1",
                     AwsClients.Timeouts.GRAPHQL))) {
            FreshTable.create(client, TABLE);
            Table table = new Table(client, TABLE);
            RoundTrips trips = new RoundTrips(0);
            PrintStream console = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the handler's metrics lines
            GraphQlHandler handler;
            try {
                handler = new GraphQlHandler(new Application(new AppConfig(TABLE, true,
                    QueryLimits.defaults()), AwsClients.dynamoDb(AwsClients.Settings.local(moto.endpoint(),
                    "us-east-1", AwsClients.Timeouts.GRAPHQL).with(trips).with(RECORDING_INTERCEPTOR)),
                    Clock.systemUTC()));
            } finally {
                System.setOut(console);
            }
            BenchData data = BenchData.seed(table, handler, "main", 10, 5);
            System.out.printf("TenantGraph API bench: moto_server at %s, %d cores, Java %s%n", moto.endpoint(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            report.machine();
            jar(report);
            coldStart(report, moto.endpoint(), data);
            warm(report, client, handler, trips, data);
            load(report, moto.endpoint(), client, handler, trips, data);
            // Hook: the subscriptions bench (event-to-delivery p50/p99 for 1 and 100 subscribers) adds its section
            // here, as report.section("subscriptions", figures), and its chart beside the others.
        }
        report.put("benchSeconds", (System.nanoTime() - started) / 1e9);
        report.mergeAuthorizer(OUT.resolve("authorizer.json"));
        report.write(OUT.resolve("bench.json"));
        System.out.printf("%nwrote %s, docs/bench-cold-start.svg, docs/bench-load.svg (%.0f s)%n",
                OUT.resolve("bench.json"), (System.nanoTime() - started) / 1e9);
    }

    private static void jar(BenchReport report) throws Exception {
        long size = Files.size(LAMBDA_JAR);
        System.out.printf("%nthe jar: %s %,d bytes%n", LAMBDA_JAR, size);
        report.section("jar", Map.of("lambdaJarBytes", size));
    }

    // ---------------------------------------------------------------------------------------------- cold start

    private record Run(double wallMs, double cpuMs, double peakRssMiB, long classes, double initMs, double firstMs,
                       String output) {
    }

    private static void coldStart(BenchReport report, URI endpoint, BenchData data) throws Exception {
        String jar = LAMBDA_JAR.toAbsolutePath().toString();
        // the Lambda jar, then the probe's classes in a jar of their own (class-data sharing takes jars only)
        String probeJar = probeJar(); // written once: the AppCDS archive is valid only for the jars it was dumped with
        String classPath = jar + java.io.File.pathSeparator + probeJar;
        Path archive = OUT.resolve("graphql-appcds.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        probe(List.of("-XX:ArchiveClassesAtExit=" + archive), classPath, "graphql", endpoint, data);
        boolean cds = Files.exists(archive);
        if (cds) {
            requireArchiveAccepted(archive, classPath);
        }

        String baselineClassPath = BASELINE_LAMBDA_JAR == null ? null
                : Path.of(BASELINE_LAMBDA_JAR).toAbsolutePath() + java.io.File.pathSeparator + probeJar;
        List<Run> floor = new ArrayList<>();
        List<Run> graphql = new ArrayList<>();
        List<Run> baseline = new ArrayList<>();
        List<Run> graphqlCds = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            floor.add(probe(List.of(), classPath, "floor", endpoint, data));
            graphql.add(probe(List.of(), classPath, "graphql", endpoint, data));
            if (baselineClassPath != null) {
                baseline.add(probe(List.of(), baselineClassPath, "graphql", endpoint, data));
            }
            if (cds) {
                graphqlCds.add(probe(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), classPath,
                        "graphql", endpoint, data));
            }
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("runs", COLD_RUNS);
        section.put("functionMemoryMiB", FUNCTION_MEMORY_MIB);
        section.put("floor", medians(floor));
        section.put("graphql", medians(graphql));
        System.out.printf("%ncold start: fresh JVM under C1 on the Lambda jar, sized for the function's %d MiB, whole"
                + " process, medians of %d alternated runs%n", FUNCTION_MEMORY_MIB, COLD_RUNS);
        System.out.printf("  %-44s %8s %8s %9s %8s %8s %8s%n", "", "wall ms", "cpu ms", "peak MiB", "classes",
                "init ms", "1st ms");
        printRun("floor: DynamoDB client + one GetItem", floor, null);
        printRun("GraphQL Lambda: init + one event", graphql, floor);
        if (baselineClassPath != null) {
            section.put("baseline", Map.of("name", BASELINE_NAME, "jar", BASELINE_LAMBDA_JAR, "medians",
                    medians(baseline)));
            printRun("the same, " + BASELINE_NAME, baseline, floor);
            Map<String, Double> now = medians(graphql);
            Map<String, Double> before = medians(baseline);
            System.out.printf("  this build against %s: %.2fx wall, %.2fx cpu, %.2fx memory, %+.0f classes%n",
                    BASELINE_NAME, now.get("wallMs") / before.get("wallMs"), now.get("cpuMs") / before.get("cpuMs"),
                    now.get("peakRssMiB") / before.get("peakRssMiB"), now.get("classes") - before.get("classes"));
        }
        if (cds) {
            section.put("graphqlAppCds", medians(graphqlCds));
            section.put("appCdsArchiveBytes", Files.size(archive));
            printRun("the same with an AppCDS archive", graphqlCds, floor);
        }
        System.out.println("  goal: wall <= 1.30x, peak memory <= 1.15x the floor's");

        // the init's steps one at a time, three fresh JVMs, medians per step
        Map<String, List<double[]>> steps = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            Run run = probe(List.of("--add-exports", "java.management/sun.management=ALL-UNNAMED"), classPath,
                    "breakdown", endpoint, data);
            for (String line : run.output().split("\n")) {
                if (line.startsWith("step ")) {
                    String[] f = line.split(" ");
                    steps.computeIfAbsent(f[1].replace('_', ' '), k -> new ArrayList<>()).add(new double[] {
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])});
                }
            }
        }
        List<Map<String, Object>> breakdown = new ArrayList<>();
        System.out.println("  the init's steps, one at a time (medians of 3; 'before main' is the JVM's own start):");
        System.out.printf("  %-44s %8s %14s %8s%n", "", "wall ms", "class load ms", "classes");
        for (Map.Entry<String, List<double[]>> step : steps.entrySet()) {
            double wall = median(step.getValue().stream().map(v -> v[0]).toList());
            double loading = median(step.getValue().stream().map(v -> v[1]).toList());
            double classes = median(step.getValue().stream().map(v -> v[2]).toList());
            System.out.printf("  %-44s %8.0f %14.0f %8.0f%n", step.getKey(), wall, loading, classes);
            breakdown.add(Map.of("step", step.getKey(), "wallMs", wall, "classLoadingMs", loading,
                    "classes", classes));
        }
        section.put("breakdown", breakdown);
        report.section("coldStart", section);
        BenchCharts.coldStart(Path.of("docs/bench-cold-start.svg"), section);
    }

    /**
     * The timed runs use {@code -Xshare:auto}, under which a JVM that refuses the archive (a jar of the class path
     * rewritten after the dump, another JVM build) runs without it and says nothing: the AppCDS row would then
     * measure no archive. One JVM with {@code -Xshare:on} first, which refuses to start instead, makes that a failure
     * of the bench with the JVM's reason.
     */
    private static void requireArchiveAccepted(Path archive, String classPath) throws Exception {
        Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=" + FUNCTION_MEMORY_MIB + "m",
                "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-cp", classPath, "-version")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            throw new IllegalStateException("the JVM refuses the AppCDS archive it just dumped: " + output.strip());
        }
    }

    private static int functionMemoryMiB(String function) {
        SamTemplate template = SamTemplate.read(Path.of("template.yaml"), Map.of());
        return Integer.parseInt(template.value(template.property(function, "MemorySize")));
    }

    /** ColdStartProbe's classes in target/bench/probe.jar. */
    private static String probeJar() throws Exception {
        Path classes = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = OUT.resolve("probe.jar").toAbsolutePath();
        String prefix = ColdStartProbe.class.getName().replace('.', '/');
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(classes)) {
            for (Path file : files.filter(f -> classes.relativize(f).toString().startsWith(prefix)).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar.toString();
    }

    private static void printRun(String name, List<Run> runs, List<Run> floor) {
        Map<String, Double> m = medians(runs);
        String ratio = "";
        if (floor != null) {
            Map<String, Double> f = medians(floor);
            ratio = String.format("   %.2fx wall, %.2fx cpu, %.2fx memory", m.get("wallMs") / f.get("wallMs"),
                    m.get("cpuMs") / f.get("cpuMs"), m.get("peakRssMiB") / f.get("peakRssMiB"));
        }
        System.out.printf("  %-44s %8.0f %8.0f %9.1f %8.0f %8.0f %8.0f%s%n", name, m.get("wallMs"), m.get("cpuMs"),
                m.get("peakRssMiB"), m.get("classes"), m.get("initMs"), m.get("firstMs"), ratio);
    }

    private static Map<String, Double> medians(List<Run> runs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("wallMs", median(runs.stream().map(Run::wallMs).toList()));
        m.put("cpuMs", median(runs.stream().map(Run::cpuMs).toList()));
        m.put("peakRssMiB", median(runs.stream().map(Run::peakRssMiB).toList()));
        m.put("classes", median(runs.stream().map(r -> (double) r.classes()).toList()));
        m.put("initMs", median(runs.stream().map(Run::initMs).toList()));
        m.put("firstMs", median(runs.stream().map(Run::firstMs).toList()));
        return m;
    }

    private static Run probe(List<String> jvmOptions, String classPath, String mode, URI endpoint, BenchData data)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=" + FUNCTION_MEMORY_MIB + "m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, ColdStartProbe.class.getName(), mode, endpoint.toString(), TABLE,
                data.tenant().value(), data.admin().value()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(TABLE, endpoint));
        long started = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("done ")) {
                    last = line;
                }
            }
        }
        process.waitFor();
        double wall = (System.nanoTime() - started) / 1e6;
        if (!last.startsWith("done ")) {
            throw new IllegalStateException(mode + " probe failed: " + output);
        }
        return new Run(wall, Double.parseDouble(field(last, "cpu_ms")),
                Double.parseDouble(field(last, "peak_rss_kb")) / 1024, Long.parseLong(field(last, "classes")),
                optionalField(last, "init_ms"), optionalField(last, "first_ms"), output.toString());
    }

    /** A figure only some modes print (NaN when absent: the breakdown's runs have no init/first split). */
    private static double optionalField(String line, String name) {
        return line.contains(" " + name + "=") ? Double.parseDouble(field(line, name)) : Double.NaN;
    }

    private static String field(String line, String name) {
        return line.replaceAll(".*\\b" + name + "=([0-9.-]+).*", "$1");
    }

    // ---------------------------------------------------------------------------------------------- warm

    private static void warm(BenchReport report, DynamoDbClient client, GraphQlHandler handler, RoundTrips trips,
                             BenchData data) {
        GetItemRequest get = GetItemRequest.builder().tableName(TABLE)
                .key(Keys.tenant(data.tenant()).toAttributeMap()).consistentRead(true).build();
        BatchGetItemRequest batch = BatchGetItemRequest.builder().requestItems(Map.of(TABLE, KeysAndAttributes.builder()
                .consistentRead(true).keys(Keys.tenant(data.tenant()).toAttributeMap(),
                        Keys.user(data.tenant(), data.admin()).toAttributeMap()).build())).build();
        Runnable raw = () -> client.getItem(get);
        Runnable rawBatch = () -> client.batchGetItem(batch);
        Runnable graphql = () -> data.call(handler, "{ tenant { name } }");
        Runnable nested = () -> data.call(handler, BenchData.NESTED_QUERY);
        for (int i = 0; i < 300; i++) {
            raw.run();
            rawBatch.run();
            graphql.run();
            if (i % 10 == 0) {
                nested.run();
            }
        }
        trips.clear();
        List<DynamoDbRequest> nestedCalls = new Recorder().record(nested);
        int sequential = trips.sequential();
        int calls = trips.calls().size();
        // moto_server answers one call at a time, so the Queries a level issues together queue in the emulator: the
        // same calls made raw one after another are what the emulator alone costs the nested query
        Runnable nestedRaw = () -> nestedCalls.forEach(call -> replay(client, call));
        int rounds = 7;
        List<Double> rawMedians = new ArrayList<>();
        List<Double> batchMedians = new ArrayList<>();
        List<Double> graphqlMedians = new ArrayList<>();
        List<Double> nestedMedians = new ArrayList<>();
        List<Double> nestedRawMedians = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            rawMedians.add(medianLatency(raw, 150));
            batchMedians.add(medianLatency(rawBatch, 150));
            graphqlMedians.add(medianLatency(graphql, 150));
            nestedMedians.add(medianLatency(nested, 20));
            nestedRawMedians.add(medianLatency(nestedRaw, 20));
        }
        double rm = median(rawMedians);
        double bm = median(batchMedians);
        double gm = median(graphqlMedians);
        double nm = median(nestedMedians);
        double nrm = median(nestedRawMedians);
        System.out.printf("%nwarm, in-process (medians of %d rounds)%n", rounds);
        System.out.printf("  %-52s %8.2f ms%n", "raw GetItem (consistent)", rm);
        System.out.printf("  %-52s %8.2f ms%n", "raw BatchGetItem: the item + the membership record", bm);
        System.out.printf("  %-52s %8.2f ms   %.2fx the BatchGetItem (goal <= 1.25x), %.2fx the GetItem%n",
                "GraphQL { tenant { name } } through the handler", gm, gm / bm, gm / rm);
        System.out.printf("  %-52s %8.2f ms   %.2fx levels x one GetItem (%d levels = %d sequential round trips, %d"
                        + " calls)%n", "GraphQL nested: me, tenant, 10 projects x 5 tasks + assignee", nm,
                nm / (BenchData.NESTED_QUERY_LEVELS * rm), BenchData.NESTED_QUERY_LEVELS, sequential, calls);
        System.out.printf("  %-52s %8.2f ms   the nested query is %.2fx its calls made raw one after another (the"
                + " emulator serves one call at a time)%n", "its " + calls + " DynamoDB calls, raw, one after another",
                nrm, nm / nrm);
        System.out.println("  (sequential round trips counted unheld: calls of one level queued behind each other in"
                + " the emulator can count as more; RoundTripsIT holds each call and asserts the levels)");
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("rawGetItemMs", rm);
        section.put("rawBatchGetItemMs", bm);
        section.put("graphqlReadMs", gm);
        section.put("graphqlReadOverBatchGetItem", gm / bm);
        section.put("nestedQueryMs", nm);
        section.put("nestedQueryLevels", BenchData.NESTED_QUERY_LEVELS);
        section.put("nestedQuerySequentialRoundTrips", sequential);
        section.put("nestedQueryCalls", calls);
        section.put("nestedOverLevelsTimesGetItem", nm / (BenchData.NESTED_QUERY_LEVELS * rm));
        section.put("nestedCallsRawSequentialMs", nrm);
        section.put("nestedOverItsCallsRawSequential", nm / nrm);
        report.section("warm", section);
    }

    private static double medianLatency(Runnable call, int count) {
        List<Double> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            call.run();
            samples.add((System.nanoTime() - started) / 1e6);
        }
        return median(samples);
    }

    // ---------------------------------------------------------------------------------------------- load

    /** One request of a mix: the GraphQL body to send through the gateway. */
    private record Mix(String name, List<String> bodies) {
    }

    private static void load(BenchReport report, URI motoEndpoint, DynamoDbClient client, GraphQlHandler handler,
                             RoundTrips trips, BenchData data) throws Exception {
        String read = "{ me { email role } tenant { name } }";
        String list = "{ projects(first: 10) { edges { node { name } } } }";
        String write = "mutation { createTask(input: { projectId: \"" + data.projectIds().get(9)
                + "\", title: \"Load\" }) { task { id } } }";
        List<Mix> mixes = List.of(new Mix("read", List.of(read, read, list)),
                new Mix("read/write", List.of(read, list, write)));
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("connections", CONNECTIONS);
        section.put("requests", LOAD_REQUESTS);
        Map<String, List<Double>> distributions = new LinkedHashMap<>();
        PrintStream out = System.out;
        ApiDefinition api = ApiDefinition.fromTemplate(SamTemplate.read(Path.of("template.yaml"),
                LocalSettings.LOCAL_PARAMETERS));
        try (BenchTokens tokens = new BenchTokens()) {
            TokenAuthorizerHandler authorizer = new TokenAuthorizerHandler(AuthorizerConfig.fromEnvironment(
                    tokens.authorizerEnvironment()), line -> { }, Clock.systemUTC());
            System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the gateway's access log
            LocalApiGateway gateway;
            try {
                gateway = LocalApiGateway.start(LocalApiGateway.Config.defaults(Ports.free()), api, authorizer,
                        Map.<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>of(
                                "GraphQlFunction", handler));
            } finally {
                System.setOut(out);
            }
            try (gateway) {
                out.printf("%nload: %,d requests from %d keep-alive connections, through the local API Gateway (TOKEN"
                        + " authorizer, handler) beside the same DynamoDB calls straight at moto%n", LOAD_REQUESTS,
                        CONNECTIONS);
                out.printf("  %-44s %7s %9s %8s %8s%n", "", "errors", "req/s", "p50 ms", "p99 ms");
                for (Mix mix : mixes) {
                    // the DynamoDB calls one pass of the mix makes, recorded, to be replayed straight at moto
                    Recorder recorder = new Recorder();
                    List<DynamoDbRequest> calls = recorder.record(() -> mix.bodies()
                            .forEach(body -> data.call(handler, body)));
                    List<String> bodies = mix.bodies();
                    ErrorKinds errorKinds = new ErrorKinds();
                    Result viaGateway = run(CONNECTIONS, LOAD_REQUESTS, worker -> {
                        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                        String token = "Bearer " + tokens.idToken(data.tenant().value(), data.admin().value());
                        return i -> {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.url("/graphql"))
                                    .header("Authorization", token).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\""
                                            + bodies.get(i % bodies.size()).replace("\"", "\\\"") + "\"}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            boolean ok = response.statusCode() == 200 && !response.body().contains("\"errors\"");
                            if (!ok) {
                                errorKinds.add(response);
                            }
                            return ok;
                        };
                    });
                    int perPass = calls.size();
                    int rawRequests = LOAD_REQUESTS * perPass / bodies.size();
                    Result raw = run(CONNECTIONS, rawRequests, worker -> i -> replay(client, calls.get(i % perPass)));
                    out.printf("  %-44s %7d %9.0f %8.1f %8.1f%n", mix.name() + " mix, via the gateway",
                            viaGateway.errors(), viaGateway.perSecond(), viaGateway.percentile(50),
                            viaGateway.percentile(99));
                    if (viaGateway.errors() > 0) {
                        out.printf("  %-44s %s%n", "  its errors, by HTTP status and code", errorKinds);
                    }
                    out.printf("  %-44s %7d %9.0f %8.1f %8.1f   (%d calls per %d requests; raw req/s = calls/s x %d/%d)"
                                    + "%n", mix.name() + " mix, its DynamoDB calls raw at moto", raw.errors(),
                            raw.perSecond() * bodies.size() / perPass, raw.percentile(50), raw.percentile(99),
                            perPass, bodies.size(), bodies.size(), perPass);
                    Map<String, Object> figures = new LinkedHashMap<>();
                    Map<String, Object> gatewayFigures = new LinkedHashMap<>(viaGateway.summary());
                    gatewayFigures.put("errorKinds", errorKinds.counts());
                    figures.put("gateway", gatewayFigures);
                    figures.put("rawMoto", raw.summary());
                    figures.put("dynamoDbCallsPerPass", perPass);
                    figures.put("requestsPerPass", bodies.size());
                    section.put(mix.name(), figures);
                    distributions.put(mix.name() + " via gateway", viaGateway.sorted());
                    distributions.put(mix.name() + " raw moto calls", raw.sorted());
                }
            }
        }
        report.section("load", section);
        BenchCharts.load(Path.of("docs/bench-load.svg"), distributions);
    }

    /** Records the DynamoDB requests (the SDK request objects) a piece of work makes. */
    private static final class Recorder implements ExecutionInterceptor {
        final List<DynamoDbRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<DynamoDbRequest> record(Runnable work) {
            RECORDING.set(this);
            try {
                work.run();
            } finally {
                RECORDING.set(null);
            }
            return List.copyOf(requests);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof DynamoDbRequest dynamoDb) {
                requests.add(dynamoDb);
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<Recorder> RECORDING =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The interceptor the bench's handler client carries: passes each request to the recorder of the moment. */
    static final ExecutionInterceptor RECORDING_INTERCEPTOR = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            Recorder recorder = RECORDING.get();
            if (recorder != null) {
                recorder.beforeExecution(context, attributes);
            }
        }
    };

    /** Sends a recorded request again; a conditional write that fails its condition on replay still made the call. */
    private static boolean replay(DynamoDbClient client, DynamoDbRequest request) {
        try {
            if (request instanceof GetItemRequest r) {
                client.getItem(r);
            } else if (request instanceof BatchGetItemRequest r) {
                client.batchGetItem(r);
            } else if (request instanceof QueryRequest r) {
                client.query(r);
            } else if (request instanceof UpdateItemRequest r) {
                client.updateItem(r);
            } else if (request instanceof PutItemRequest r) {
                client.putItem(r);
            } else if (request instanceof TransactWriteItemsRequest r) {
                // a fresh token: the recorded one would be answered from the emulator's idempotency window without
                // any work, as DynamoDB answers a repeated ClientRequestToken; with a new one moto does the work a
                // transaction costs it (the conditions then fail on the first write's items: answered as below)
                client.transactWriteItems(r.toBuilder().clientRequestToken(java.util.UUID.randomUUID().toString())
                        .build());
            } else {
                throw new IllegalStateException("no replay for " + request.getClass().getSimpleName());
            }
            return true;
        } catch (DynamoDbException e) {
            return e.statusCode() == 400; // a condition that no longer holds: answered, as the original call was
        }
    }

    /** The failed answers of a load run, counted by HTTP status and GraphQL error code (and reason, if any). */
    private static final class ErrorKinds {
        private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
        private static final java.util.regex.Pattern REASON =
                java.util.regex.Pattern.compile("\"reason\"\\s*:\\s*\"([A-Z_]+)\"");
        private final java.util.concurrent.ConcurrentSkipListMap<String, AtomicInteger> counts =
                new java.util.concurrent.ConcurrentSkipListMap<>();

        void add(HttpResponse<String> response) {
            java.util.regex.Matcher code = CODE.matcher(response.body());
            java.util.regex.Matcher reason = REASON.matcher(response.body());
            String kind = response.statusCode() + " " + (code.find() ? code.group(1) : "no code")
                    + (reason.find() ? "/" + reason.group(1) : "");
            counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        Map<String, Integer> counts() {
            Map<String, Integer> copy = new LinkedHashMap<>();
            counts.forEach((kind, n) -> copy.put(kind, n.get()));
            return copy;
        }

        @Override
        public String toString() {
            return counts().toString();
        }
    }

    private interface Call {
        boolean send(int index) throws Exception;
    }

    private interface Worker {
        Call open(int worker) throws Exception;
    }

    private record Result(int errors, double perSecond, List<Double> sorted) {
        double percentile(double p) {
            return sorted.isEmpty() ? Double.NaN
                    : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
        }

        Map<String, Object> summary() {
            return Map.of("errors", errors, "perSecond", perSecond, "p50Ms", percentile(50), "p90Ms", percentile(90),
                    "p99Ms", percentile(99));
        }
    }

    /** {@code total} calls from {@code connections} workers, each taking the next index; latencies in ms. */
    private static Result run(int connections, int total, Worker workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Call> calls = new ArrayList<>();
            for (int w = 0; w < connections; w++) {
                calls.add(workers.open(w));
            }
            // warm-up: every connection opened and every path run once, outside the figures
            List<Future<?>> warmUp = new ArrayList<>();
            for (Call call : calls) {
                warmUp.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        call.send(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : warmUp) {
                f.get();
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (Call call : calls) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.send(i);
                        } catch (Exception e) {
                            ok = false;
                        }
                        latencies.add((System.nanoTime() - t) / 1e6);
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Double> sorted = new ArrayList<>(latencies);
            sorted.sort(Double::compare);
            return new Result(errors.get(), total / seconds, sorted);
        } finally {
            pool.shutdownNow();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

}
