package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.GraphqlWsWatcher.from;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.websocket.Frames;
import com.tenantgraph.local.websocket.RawWsClient;
import com.tenantgraph.local.websocket.WsClient;
import com.tenantgraph.tenancy.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscriptions end to end through the local stack: the npm graphql-ws client (and, for the malformed messages, a
 * JDK WebSocket client) on the local WebSocket API, the real WebSocket function verifying real Cognito tokens,
 * mutations over HTTP through the local REST API, moto's stream read by the local event source mapping, and the real
 * fan-out function posting through the real Management API client.
 */
@ExtendWith(OwnLocalStack.class) // its own stream: see OwnLocalStack
class SubscriptionsIT {
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String TASKS = "subscription Watch($p: ID!) { taskChanged(projectId: $p) {"
            + " kind version task { id title } } }";

    private static String createProject(TenantFixture tenant, String token, String key) {
        ApiClient.Response created = tenant.api.post(Map.of("Authorization", "Bearer " + token), ApiClient.json(Map.of(
                "query", "mutation P($input: CreateProjectInput!) { createProject(input: $input) { project { id } } }",
                "variables", Map.of("input", Map.of("key", key, "name", "Live " + key)))));
        @SuppressWarnings("unchecked")
        Map<String, Object> project = (Map<String, Object>) created.data("createProject").get("project");
        return (String) project.get("id");
    }

    private static ApiClient.Response createTask(TenantFixture tenant, String token, String projectId, String title) {
        return tenant.api.post(Map.of("Authorization", "Bearer " + token), ApiClient.json(Map.of(
                "query", "mutation T($input: CreateTaskInput!) { createTask(input: $input) { task { id } } }",
                "variables", Map.of("input", Map.of("projectId", projectId, "title", title)))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> taskChanged(Map<String, Object> line) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) line.get("next")).get("data"))
                .get("taskChanged");
    }

    @Test
    void viewerReceivesAMembersChange_anotherTenantReceivesNothingOfIt_andADisabledViewerIsClosed(LocalStack stack)
            throws Exception {
        // GIVEN a VIEWER and a MEMBER of tenant A, a VIEWER of tenant B, and a project in each
        TenantFixture a = TenantFixture.signUp(stack, "Alpha Live");
        TenantFixture.Account viewerA = a.addMember(Role.VIEWER);
        TenantFixture.Account memberA = a.addMember(Role.MEMBER);
        TenantFixture b = TenantFixture.signUp(stack, "Beta Live");
        TenantFixture.Account viewerB = b.addMember(Role.VIEWER);
        String memberToken = a.token(memberA);
        String projectA = createProject(a, memberToken, "LIVE");
        String projectB = createProject(b, b.token(b.admin), "BETA");
        String viewerBToken = b.token(viewerB);

        // AND graphql-ws clients subscribed: A's viewer to A's project, B's viewer to B's project and to A's project
        try (GraphqlWsWatcher watcher = GraphqlWsWatcher.start(stack.output("graphqlWsUrl"), List.of(
                new GraphqlWsWatcher.Subscriber("viewerA", a.token(viewerA), TASKS, Map.of("p", projectA)),
                new GraphqlWsWatcher.Subscriber("viewerB", viewerBToken, TASKS, Map.of("p", projectB)),
                new GraphqlWsWatcher.Subscriber("viewerBOnA", viewerBToken, TASKS, Map.of("p", projectA))))) {

            // THEN subscribing to A's project from B is refused exactly like reading it
            Map<String, Object> refused = watcher.await(from("viewerBOnA").and(line -> line.containsKey("error")),
                    DELIVERY);
            assertThat(refused.toString()).contains("NOT_FOUND");

            // WHEN A's member creates a task over HTTP
            assertThat(createTask(a, memberToken, projectA, "Ship the socket").status()).isEqualTo(200);

            // THEN A's viewer receives it, with the kind, the version and the task its own selection asked for
            Map<String, Object> event = taskChanged(watcher.await(from("viewerA").and(l -> l.containsKey("next")),
                    DELIVERY));
            assertThat(event).containsEntry("kind", "CREATED").containsEntry("version", 1);
            assertThat(asMap(event.get("task"))).containsEntry("title", "Ship the socket");

            // AND B's viewer receives B's next change but nothing of A's (the stream is in order: A's came first)
            assertThat(createTask(b, b.token(b.admin), projectB, "Beta work").status()).isEqualTo(200);
            Map<String, Object> ofB = taskChanged(watcher.await(from("viewerB").and(l -> l.containsKey("next")),
                    DELIVERY));
            assertThat(asMap(ofB.get("task"))).containsEntry("title", "Beta work");
            assertThat(watcher.seen()).filteredOn(from("viewerB").or(from("viewerBOnA")))
                    .noneSatisfy(line -> assertThat(line.toString()).contains("Ship the socket"));

            // WHEN A's admin disables the viewer, and the member changes the project again
            assertThat(new AdminApi(stack).disable(a.token(a.admin), viewerA.globalId(), 1).status()).isEqualTo(200);
            createTask(a, memberToken, projectA, "After the viewer left");

            // THEN the viewer's socket is closed with 4403 by that event, and it never receives the change
            Map<String, Object> closed = watcher.await(from("viewerA").and(l -> l.containsKey("closed")), DELIVERY);
            assertThat(closed).containsEntry("closed", 4403);
            assertThat(watcher.seen()).noneSatisfy(line -> assertThat(line.toString())
                    .contains("After the viewer left"));
        }
    }

    private static String init(String token) {
        return ApiClient.json(Map.of("type", "connection_init", "payload", Map.of("authorization", token)));
    }

    private static String subscribe(String id, String query) {
        return ApiClient.json(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query,
                "variables", Map.of("p", "UHJvamVjdDpub25l"))));
    }

    /** A client past connection_init and its ack. */
    private static WsClient acknowledged(URI url, String token) throws InterruptedException {
        WsClient client = WsClient.connect(url, "graphql-transport-ws");
        client.send(init(token));
        assertThat(client.next(DELIVERY)).contains("connection_ack");
        return client;
    }

    @Test
    void badMessages_getTheProtocolsAnswers_andNeverCrashTheHandler(LocalStack stack) throws Exception {
        URI url = URI.create(stack.output("graphqlWsUrl"));
        TenantFixture tenant = TenantFixture.signUp(stack, "Bad Messages");
        String token = tenant.token(tenant.addMember(Role.VIEWER));
        String project = createProject(tenant, tenant.token(tenant.admin), "DUP");

        try (WsClient unknownType = acknowledged(url, token)) {
            unknownType.send("{\"type\":\"nonsense\"}");
            assertThat(unknownType.awaitClose(DELIVERY).code()).isEqualTo(4400);
        }
        try (WsClient early = WsClient.connect(url, "graphql-transport-ws")) {
            early.send(subscribe("1", TASKS));
            assertThat(early.awaitClose(DELIVERY)).isEqualTo(new WsClient.Close(4401, "Unauthorized"));
        }
        try (WsClient badToken = WsClient.connect(url, "graphql-transport-ws")) {
            badToken.send(init("Bearer not-a-token"));
            assertThat(badToken.awaitClose(DELIVERY).code()).isEqualTo(4401);
        }
        try (WsClient invalid = acknowledged(url, token)) {
            invalid.send(subscribe("1", "subscription { noSuchField }"));
            String error = invalid.next(DELIVERY);
            assertThat(error).contains("\"type\":\"error\"", "\"id\":\"1\"");
            invalid.send(subscribe("2", "{ me { id } }"));
            assertThat(invalid.next(DELIVERY)).contains("\"type\":\"error\"", "\"id\":\"2\"");
            // still open and answering
            invalid.send("{\"type\":\"ping\"}");
            assertThat(invalid.next(DELIVERY)).contains("pong");
        }
        try (WsClient duplicate = acknowledged(url, token)) {
            String watch = "subscription W($p: ID!) { projectChanged(projectId: $p) { kind } }";
            Map<String, Object> payload = Map.of("query", watch, "variables", Map.of("p", project));
            duplicate.send(ApiClient.json(Map.of("type", "subscribe", "id", "same", "payload", payload)));
            duplicate.send(ApiClient.json(Map.of("type", "subscribe", "id", "same", "payload", payload)));
            assertThat(duplicate.awaitClose(DELIVERY).code()).isEqualTo(4409);
        }
        try (RawWsClient oversized = new RawWsClient(url, "graphql-transport-ws")) {
            oversized.sendOneFrame(("{\"type\":\"ping\",\"payload\":\"" + "x".repeat(33 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            Frames.Message close = oversized.nextFrame();
            assertThat(Frames.closeCode(close.payload())).isEqualTo(1009);
        }
        try (WsClient silent = WsClient.connect(url, "graphql-transport-ws")) {
            assertThat(silent.awaitClose(Duration.ofSeconds(30)))
                    .isEqualTo(new WsClient.Close(4408, "Connection initialisation timeout"));
        }
    }
}
