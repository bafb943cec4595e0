package com.tenantgraph.local.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.LocalSettings;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.LocalSubscriptions;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.seed.DemoUser;
import com.tenantgraph.local.websocket.WsClient;
import com.tenantgraph.tenancy.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * The subscription figures of docs/performance.md, through the whole local stack (real handlers, moto's stream, the
 * local event source mapping, the local WebSocket API): event-to-delivery latency, from the mutation's HTTP answer (the
 * write has committed) to the message at each subscriber, p50 and p99, for 1 and for 100 subscribers of one project;
 * and what one event costs in DynamoDB calls, the fan-out's beside the mutation's own. Locally the stream is polled
 * every 100 ms, so latency includes up to one poll interval (Lambda polls a shard four times a second).
 *
 * <p>Run with {@code ./dev bench}, or alone: {@code SubscriptionBench.main}.
 */
public final class SubscriptionBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WATCH = "subscription W($p: ID!) { taskChanged(projectId: $p) { kind version"
            + " task { id title status } } }";

    private SubscriptionBench() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 20);
    }

    /** The hook for ./dev bench: {@code events} mutations measured for each subscriber count. */
    public static void run(int events) throws Exception {
        LocalSettings settings = LocalSettings.ephemeral(Files.createTempDirectory("tenantgraph-ws-bench"),
                RepoFiles.root().resolve("template.yaml"));
        try (LocalStack stack = LocalStack.start(settings, step -> { })) {
            LocalSubscriptions subscriptions = stack.subscriptions().orElseThrow(() -> new IllegalStateException(
                    "template.yaml declares no WebSocket API"));
            DemoUser member = demo(stack, Role.MEMBER);
            DemoUser viewer = stack.demoUsers().stream().filter(u -> u.tenant().equals(member.tenant())
                    && u.role() == Role.VIEWER).findFirst().orElseThrow();
            String memberToken = token(stack, member);
            String viewerToken = token(stack, viewer);
            String project = createProject(stack, memberToken);
            System.out.printf("%nsubscriptions: event-to-delivery latency (mutation answered -> message at the"
                    + " subscriber), %d events each%n", events);
            for (int subscribers : new int[]{1, 100}) {
                measure(stack, subscriptions, memberToken, viewerToken, project, subscribers, events);
            }
        }
    }

    private static void measure(LocalStack stack, LocalSubscriptions subscriptions, String memberToken,
                                String viewerToken, String project, int count, int events) throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                clients.add(subscribe(subscriptions.url(), viewerToken, project));
            }
            List<Double> latencies = new ArrayList<>();
            long fanOutBefore = subscriptions.fanOutCalls().total();
            long mutationCalls = 0;
            Map<String, Long> fanOutByOperation = subscriptions.fanOutCalls().snapshot();
            for (int e = 0; e < events; e++) {
                long graphqlBefore = stack.graphqlCalls().total();
                post(stack, memberToken, "mutation T($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }",
                        Map.of("i", Map.of("projectId", project, "title", "bench " + e)));
                long committed = System.nanoTime();
                mutationCalls += stack.graphqlCalls().total() - graphqlBefore;
                for (WsClient client : clients) {
                    client.next(WAIT);
                    latencies.add(Math.max(0, System.nanoTime() - committed) / 1e6);
                }
            }
            long fanOutCalls = subscriptions.fanOutCalls().total() - fanOutBefore;
            Map<String, Long> after = subscriptions.fanOutCalls().snapshot();
            StringBuilder byOperation = new StringBuilder();
            after.forEach((operation, total) -> {
                long delta = total - fanOutByOperation.getOrDefault(operation, 0L);
                if (delta > 0) {
                    byOperation.append(String.format(" %s %.1f", operation, delta / (double) events));
                }
            });
            Collections.sort(latencies);
            System.out.printf("  %3d subscriber(s): p50 %6.0f ms   p99 %6.0f ms   (%d deliveries)%n", count,
                    percentile(latencies, 50), percentile(latencies, 99), latencies.size());
            System.out.printf("      DynamoDB calls per event: the mutation (createTask) %.1f; the fan-out %.1f"
                            + " (%s), %.2f per delivered message%n", mutationCalls / (double) events,
                    fanOutCalls / (double) events, byOperation.toString().trim(),
                    fanOutCalls / (double) (events * count));
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    private static WsClient subscribe(URI url, String token, String project) throws Exception {
        WsClient client = WsClient.connect(url, "graphql-transport-ws");
        client.send(JSON.std.asString(Map.of("type", "connection_init", "payload", Map.of("authorization", token))));
        client.next(WAIT); // connection_ack
        client.send(JSON.std.asString(Map.of("type", "subscribe", "id", "1", "payload", Map.of("query", WATCH,
                "variables", Map.of("p", project)))));
        client.send("{\"type\":\"ping\"}");
        client.next(WAIT); // pong: the subscribe before it has been handled (messages are handled in order)
        return client;
    }

    private static DemoUser demo(LocalStack stack, Role role) {
        return stack.demoUsers().stream().filter(u -> u.role() == role).findFirst().orElseThrow();
    }

    private static String token(LocalStack stack, DemoUser user) {
        return stack.cognito().initiateAuth(request -> request.clientId(stack.output("userPoolClientId"))
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user.username(), "PASSWORD", user.password())))
                .authenticationResult().idToken();
    }

    @SuppressWarnings("unchecked")
    private static String createProject(LocalStack stack, String token) throws Exception {
        Map<String, Object> answer = post(stack, token, "mutation P($i: CreateProjectInput!) { createProject(input: $i)"
                + " { project { id } } }", Map.of("i", Map.of("key", "BENCH", "name", "Bench")));
        return (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) answer.get("data"))
                .get("createProject")).get("project")).get("id");
    }

    private static Map<String, Object> post(LocalStack stack, String token, String query, Map<String, Object> variables)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.graphqlUrl())
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.std.asString(Map.of("query", query,
                        "variables", variables)))).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = JSON.std.mapFrom(response.body());
        if (response.statusCode() != 200 || body.containsKey("errors")) {
            throw new IllegalStateException("the bench mutation failed: " + response.body());
        }
        return body;
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
