package com.tenantgraph.local.bench;

import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableDefinition;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.local.SdkClients;
import com.tenantgraph.local.emulator.MotoServer;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The GraphQL Lambda's speed figures of docs/performance.md, each printed beside its baseline from the same run (these
 * machines are shared and noisy: read the medians and the ratios):
 * <ul>
 *   <li>cold start: a fresh JVM that builds the GraphQL Lambda and answers one request, against a fresh JVM that
 *       builds a DynamoDB client and does one GetItem (goal: within 1.5x);</li>
 *   <li>warm: one GraphQL read of one item, in-process, against the raw SDK GetItem of the same item (goal: within
 *       1.25x; the membership check runs beside the read, so it should add no round trip).</li>
 * </ul>
 * Run with {@code ./dev bench} (moto_server on a free port; nothing else needed).
 */
public final class ApiBench {
    private static final String TABLE = "bench";
    private static final TenantId TENANT = TenantId.of("bench-tenant");
    private static final UserId USER = UserId.of("bench-user");

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        int coldRuns = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (MotoServer moto = MotoServer.start(Ports.free(), Files.createTempDirectory("tenantgraph-bench"));
             DynamoDbClient client = SdkClients.dynamoDb(moto.endpoint(), "us-east-1")) {
            seed(client);
            System.out.printf("TenantGraph API bench (moto_server at %s, %d cores)%n", moto.endpoint(),
                    Runtime.getRuntime().availableProcessors());
            coldStart(moto, coldRuns);
            warm(moto, client);
        }
    }

    private static void seed(DynamoDbClient client) {
        client.createTable(TableDefinition.createTableRequest(TABLE));
        Instant now = Instant.now();
        new TenantProvisioning(new Table(client, TABLE)).createTenantWithAdmin(
                TenantItem.builder().tenantId(TENANT).name("Bench").plan(Plan.TEAM).createdAt(now).build(),
                UserItem.builder().tenantId(TENANT).userId(USER).email("bench@example.com").name("Bench")
                        .role(Role.ADMIN).status(UserStatus.ACTIVE).createdAt(now).build());
    }

    private static void coldStart(MotoServer moto, int runs) throws Exception {
        List<Double> floor = new ArrayList<>();
        List<Double> graphql = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            floor.add(probe("floor", moto));
            graphql.add(probe("graphql", moto));
        }
        double f = median(floor);
        double g = median(graphql);
        System.out.printf("%ncold start (JVM start to first answer, median of %d fresh JVMs each)%n", runs);
        System.out.printf("  floor: DynamoDB client + one GetItem   %8.0f ms%n", f);
        System.out.printf("  GraphQL Lambda: init + one request     %8.0f ms   ratio %.2fx (goal <= 1.50x)%n", g, g / f);
    }

    private static double probe(String mode, MotoServer moto) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-DLOG_LEVEL=WARN",
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(), mode,
                moto.endpoint().toString(), TABLE, TENANT.value(), USER.value());
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(TABLE, moto.endpoint()));
        Process process = builder.start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
                if (line.equals("done")) {
                    break;
                }
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e6;
        process.waitFor();
        if (!last.equals("done")) {
            throw new IllegalStateException(mode + " probe failed: " + last);
        }
        return elapsed;
    }

    private static void warm(MotoServer moto, DynamoDbClient client) {
        AppConfig config = new AppConfig(TABLE, true, QueryLimits.defaults());
        GraphQlHandler handler = new GraphQlHandler(new Application(config, client, Clock.systemUTC()));
        GetItemRequest get = GetItemRequest.builder().tableName(TABLE)
                .key(Keys.tenant(TENANT).toAttributeMap()).consistentRead(true).build();
        BatchGetItemRequest batch = BatchGetItemRequest.builder().requestItems(Map.of(TABLE, KeysAndAttributes.builder()
                .consistentRead(true).keys(Keys.tenant(TENANT).toAttributeMap(), Keys.user(TENANT, USER).toAttributeMap())
                .build())).build();
        Runnable raw = () -> client.getItem(get);
        Runnable rawBatch = () -> client.batchGetItem(batch);
        Runnable graphql = () -> handler.handleRequest(ColdStartProbe.request(TENANT.value(), USER.value()), null);
        for (int i = 0; i < 500; i++) {
            raw.run();
            rawBatch.run();
            graphql.run();
        }
        int rounds = 7;
        int perRound = 200;
        double[] rawMedians = new double[rounds];
        double[] batchMedians = new double[rounds];
        double[] graphqlMedians = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rawMedians[r] = medianLatency(raw, perRound);
            batchMedians[r] = medianLatency(rawBatch, perRound);
            graphqlMedians[r] = medianLatency(graphql, perRound);
        }
        double rm = median(Arrays.stream(rawMedians).boxed().toList());
        double bm = median(Arrays.stream(batchMedians).boxed().toList());
        double gm = median(Arrays.stream(graphqlMedians).boxed().toList());
        System.out.printf("%nwarm read of one item, in-process (median of %d rounds x %d requests)%n", rounds, perRound);
        System.out.printf("  raw SDK GetItem (consistent)           %8.2f ms%n", rm);
        System.out.printf("  raw SDK BatchGetItem: item + membership %7.2f ms   ratio %.2fx (the API's one round trip)%n",
                bm, bm / rm);
        System.out.printf("  GraphQL { tenant { name } }            %8.2f ms   ratio %.2fx (goal <= 1.25x)%n", gm,
                gm / rm);
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

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
