package com.tenantgraph.local.subscriptions;

import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableDefinition;
import com.tenantgraph.local.SdkClients;
import com.tenantgraph.local.emulator.MotoServer;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./dev bench}: what one change costs its subscribers, on moto_server with the real handlers. For 1 and for 100
 * subscribers of one project's tasks: the latency from the mutation's answer to the last subscriber's post reaching
 * the Management API (the stream read included, as an event source mapping would read it: the local poller's and
 * Lambda's polling intervals are not), p50 and p99; and the DynamoDB calls per delivered event beside the mutation's.
 */
public final class SubscriptionBench {
    private static final int WARM_UP = 5;
    private static final int RUNS = 40;

    private SubscriptionBench() {
    }

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start(Ports.free(), Files.createTempDirectory("tenantgraph-subs-bench"));
             DynamoDbClient client = SdkClients.dynamoDb(moto.endpoint(), "us-east-1")) {
            System.out.printf("Subscriptions fan-out bench (moto_server at %s, %d cores)%n", moto.endpoint(),
                    Runtime.getRuntime().availableProcessors());
            for (int subscribers : List.of(1, 100)) {
                Table table = new Table(client, "bench-" + subscribers);
                client.createTable(TableDefinition.createTableRequest(table.name()));
                try (SubscriptionStack stack = new SubscriptionStack(table)) {
                    run(stack, subscribers);
                }
            }
        }
    }

    private static void run(SubscriptionStack stack, int subscribers) {
        UserId admin = UserId.of("bench-admin");
        TenantId tenant = stack.tenant("bench", admin);
        UserId member = stack.member(tenant, "writer", Role.MEMBER);
        Map<String, Object> created = stack.graphql(tenant, admin,
                "mutation { createProject(input: {key: \"BEN\", name: \"Bench\"}) { project { id } } }", Map.of());
        String project = (String) SubscriptionFanOutIT.path(created, "data", "createProject", "project").get("id");
        for (int i = 0; i < subscribers; i++) {
            UserId viewer = stack.member(tenant, "viewer" + i, Role.VIEWER);
            stack.connect("c" + i, tenant, viewer);
            stack.subscribe("c" + i, "s", "subscription($p: ID!) { taskChanged(projectId: $p) { kind version "
                    + "task { id title status reporter { name } } } }", Map.of("p", project));
        }
        stack.stream.drain();
        List<Double> latencies = new ArrayList<>();
        long mutationCalls = 0;
        long fanOutCalls = 0;
        for (int run = 0; run < WARM_UP + RUNS; run++) {
            stack.management.calls.clear();
            long before = stack.dynamoDbCalls.size();
            stack.graphql(tenant, member, "mutation($p: ID!) { createTask(input: {projectId: $p, title: \"t\"}) "
                    + "{ task { id } } }", Map.of("p", project));
            long committed = System.nanoTime();
            long afterMutation = stack.dynamoDbCalls.size();
            stack.deliverChanges();
            long delivered = System.nanoTime();
            long afterFanOut = stack.dynamoDbCalls.size();
            if (stack.management.calls.size() != subscribers) {
                throw new IllegalStateException("expected " + subscribers + " posts, got "
                        + stack.management.calls.size());
            }
            if (run >= WARM_UP) {
                latencies.add((delivered - committed) / 1e6);
                mutationCalls += afterMutation - before;
                fanOutCalls += afterFanOut - afterMutation;
            }
        }
        Collections.sort(latencies);
        System.out.printf("  %3d subscriber(s): change to last post p50 %.1f ms, p99 %.1f ms; DynamoDB calls per "
                        + "change: fan-out %.1f (%.3f per delivered event), the mutation itself %.1f%n",
                subscribers, percentile(latencies, 50), percentile(latencies, 99), fanOutCalls / (double) RUNS,
                fanOutCalls / (double) RUNS / subscribers, mutationCalls / (double) RUNS);
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
