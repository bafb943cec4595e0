package com.tenantgraph.local.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Topics;
import com.tenantgraph.data.Table;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Subscriptions end to end below the gateway: the real WebSocket and fan-out handlers, the real GraphQL handler making
 * the writes, moto's table and its stream, the real Management API client posting to a recorder on loopback.
 */
@ExtendWith(SharedMoto.class)
class SubscriptionFanOutIT {
    private static final String TASKS = """
            subscription Watch($p: ID!) { taskChanged(projectId: $p) {
              kind version task { id title status reporter { name } project { key } } } }""";

    /** One table and stack for the class (each test has its own tenants and connection ids). */
    private static SubscriptionStack stack;
    private String viewerConn;
    private String adminBConn;
    private String run;
    private TenantId a;
    private UserId adminA;
    private UserId memberA;
    private UserId viewerA;
    private String projectA;
    private TenantId b;
    private UserId adminB;
    private String projectB;

    @BeforeAll
    static void startStack(Table table) throws Exception {
        stack = new SubscriptionStack(table);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void setUp() {
        run = Long.toHexString(System.nanoTime());
        viewerConn = "viewer-a-" + run;
        adminBConn = "admin-b-" + run;
        adminA = UserId.of("admin-a-" + System.nanoTime());
        a = stack.tenant("alpha", adminA);
        memberA = stack.member(a, "member-a", Role.MEMBER);
        viewerA = stack.member(a, viewerConn, Role.VIEWER);
        projectA = createProject(a, adminA, "WEB");
        adminB = UserId.of("admin-b-" + System.nanoTime());
        b = stack.tenant("beta", adminB);
        projectB = createProject(b, adminB, "OPS");
    }

    @Test
    void aViewerReceivesAMembersNewTask_andAnotherTenantsSubscriberNothing() {
        stack.connect(viewerConn, a, viewerA);
        stack.subscribe(viewerConn, "s1", TASKS, Map.of("p", projectA));
        stack.connect(adminBConn, b, adminB);
        stack.subscribe(adminBConn, "s1", TASKS, Map.of("p", projectB));
        stack.stream.drain();

        String taskId = createTask(a, memberA, projectA, "Fix the login page");
        StreamsEventResponse response = stack.deliverChanges();

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<Map<String, Object>> toViewer = stack.messages(viewerConn);
        assertThat(toViewer).hasSize(2);
        assertThat(toViewer.get(0)).containsEntry("type", "connection_ack");
        Map<String, Object> next = toViewer.get(1);
        assertThat(next).containsEntry("type", "next").containsEntry("id", "s1");
        Map<String, Object> event = path(next, "payload", "data", "taskChanged");
        assertThat(event).containsEntry("kind", "CREATED").containsEntry("version", 1);
        Map<String, Object> task = path(event, "task");
        assertThat(task).containsEntry("id", taskId).containsEntry("title", "Fix the login page")
                .containsEntry("status", "TODO");
        assertThat(path(task, "reporter")).containsEntry("name", "User " + memberA.value());
        assertThat(path(task, "project")).containsEntry("key", "WEB");
        assertThat(stack.messages(adminBConn)).extracting(m -> m.get("type")).containsExactly("connection_ack");
    }

    @Test
    void oneEventToThreeSubscribers_costsOneQueryAndOneBatchPerLevel() {
        for (int i = 1; i <= 3; i++) {
            UserId viewer = stack.member(a, "viewer-" + i, Role.VIEWER);
            stack.connect(run + "c" + i, a, viewer);
            stack.subscribe(run + "c" + i, "s", TASKS, Map.of("p", projectA));
        }
        stack.stream.drain();
        createTask(a, memberA, projectA, "Batch me");
        stack.dynamoDbCalls.clear();

        assertThat(stack.deliverChanges().getBatchItemFailures()).isEmpty();

        for (int i = 1; i <= 3; i++) {
            assertThat(stack.messages(run + "c" + i)).extracting(m -> m.get("type")).containsExactly("connection_ack", "next");
        }
        // the topic's subscriptions: one Query; the three memberships: one BatchGetItem; the selection's reporter and
        // project (one level, shared by the three executions): one BatchGetItem
        assertThat(stack.calls("Query")).isEqualTo(1);
        assertThat(stack.calls("BatchGetItem")).isEqualTo(2);
        assertThat(stack.dynamoDbCalls).containsOnly("Query", "BatchGetItem");
    }

    /**
     * More subscribers than a Query returns by default ({@code Query}'s page of 20): the topic's subscriptions are
     * still one Query ({@code SubscriptionItem.ofTopic} reads up to a thousand at once), their memberships one
     * BatchGetItem, and a selection that loads nothing beyond the event adds no read.
     */
    @Test
    void oneEventToMoreSubscribersThanADefaultPage_costsOneQueryAndOneBatch_andReachesEveryone() {
        int subscribers = 45;
        for (int i = 1; i <= subscribers; i++) {
            UserId viewer = stack.member(a, "viewer-" + i, Role.VIEWER);
            stack.connect(run + "c" + i, a, viewer);
            stack.subscribe(run + "c" + i, "s", "subscription($p: ID!) { taskChanged(projectId: $p) { kind version"
                    + " task { id title } } }", Map.of("p", projectA));
        }
        stack.stream.drain();
        createTask(a, memberA, projectA, "For everyone");
        stack.dynamoDbCalls.clear();

        assertThat(stack.deliverChanges().getBatchItemFailures()).isEmpty();

        for (int i = 1; i <= subscribers; i++) {
            assertThat(stack.messages(run + "c" + i)).as("subscriber " + i).extracting(m -> m.get("type"))
                    .containsExactly("connection_ack", "next");
            assertThat(path(stack.messages(run + "c" + i).get(1), "payload", "data", "taskChanged", "task"))
                    .containsEntry("title", "For everyone");
        }
        assertThat(stack.calls("Query")).isEqualTo(1);
        assertThat(stack.calls("BatchGetItem")).isEqualTo(1);
        assertThat(stack.dynamoDbCalls).containsOnly("Query", "BatchGetItem");
    }

    @Test
    void updatesAndDeletesCarryTheirKindAndVersion() {
        stack.connect(viewerConn, a, viewerA);
        String taskId = createTask(a, memberA, projectA, "Before");
        stack.subscribe(viewerConn, "s1", TASKS, Map.of("p", projectA));
        stack.stream.drain();

        stack.graphql(a, memberA, "mutation($id: ID!) { updateTask(input: {id: $id, expectedVersion: 1, "
                + "title: \"After\"}) { task { version } } }", Map.of("id", taskId));
        Map<String, Object> deleted = stack.graphql(a, adminA, "mutation($id: ID!) { deleteTask(input: {id: $id, "
                + "expectedVersion: 2}) { deletedTaskId } }", Map.of("id", taskId));
        assertThat(deleted).doesNotContainKey("errors");
        assertThat(stack.deliverChanges().getBatchItemFailures()).isEmpty();

        List<Map<String, Object>> events = stack.messages(viewerConn).stream()
                .filter(m -> "next".equals(m.get("type")))
                .map(m -> path(m, "payload", "data", "taskChanged")).toList();
        assertThat(events).extracting(e -> e.get("kind"), e -> e.get("version"), e -> path(e, "task").get("title"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UPDATED", 2, "After"),
                        org.assertj.core.groups.Tuple.tuple("DELETED", 3, "After"));
    }

    @Test
    void subscribingToAnotherTenantsProject_isNotFoundLikeReadingIt() {
        stack.connect(adminBConn, b, adminB);
        stack.subscribe(adminBConn, "spy", TASKS, Map.of("p", projectA));

        Map<String, Object> error = stack.messages(adminBConn).get(1);
        assertThat(error).containsEntry("type", "error").containsEntry("id", "spy");
        assertThat(code(error)).isEqualTo("NOT_FOUND");
        assertThat(subscriptionsOf(a, Topics.tasks(rawProjectId(projectA)))).isZero();
    }

    @Test
    void invalidDocuments_limitsAndQueries_getAnErrorForTheirId_andTheSocketStays() {
        stack.connect(viewerConn, a, viewerA);
        String aliases = "subscription($p: ID!) { taskChanged(projectId: $p) { kind "
                + java.util.stream.IntStream.range(0, 31).mapToObj(i -> "v" + i + ": version").reduce("", String::concat)
                + " } }";
        String level = "project { tasks { edges { node { ";
        String deep = "subscription($p: ID!) { taskChanged(projectId: $p) { task { " + level.repeat(5) + "id"
                + " } } } }".repeat(5) + " } } }";
        stack.subscribe(viewerConn, "syntax", "subscription { taskChanged(", Map.of());
        stack.subscribe(viewerConn, "unknown", "subscription { nothingHere }", Map.of());
        stack.subscribe(viewerConn, "aliases", aliases, Map.of("p", projectA));
        stack.subscribe(viewerConn, "deep", deep, Map.of("p", projectA));
        stack.subscribe(viewerConn, "query", "query { me { name } }", Map.of());
        stack.subscribe(viewerConn, "mutation", "mutation { updateTenant(input: {name: \"x\", expectedVersion: 1}) "
                + "{ tenant { name } } }", Map.of());
        stack.subscribe(viewerConn, "badId", TASKS, Map.of("p", "not-an-id"));

        List<Map<String, Object>> errors = stack.messages(viewerConn).subList(1, stack.messages(viewerConn).size());
        assertThat(errors).extracting(m -> m.get("type")).containsOnly("error");
        assertThat(errors).extracting(m -> m.get("id"))
                .containsExactly("syntax", "unknown", "aliases", "deep", "query", "mutation", "badId");
        assertThat(errors.subList(2, 7)).extracting(SubscriptionFanOutIT::code).containsOnly("BAD_USER_INPUT");
        assertThat(stack.management.to(viewerConn)).noneMatch(c -> c.method().equals("DELETE"));
        Map<String, Object> me = stack.graphql(a, adminA, "query { tenant { name } }", Map.of());
        assertThat(path(me, "data", "tenant")).containsEntry("name", "alpha");
    }

    @Test
    void aSubscriptionOverHttp_isRefusedAsBadInput() {
        Map<String, Object> body = stack.graphql(a, viewerA, TASKS, Map.of("p", projectA));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(path(errors.get(0), "extensions")).containsEntry("code", "BAD_USER_INPUT");
        assertThat(body).doesNotContainKey("data");
    }

    @Test
    void aDisabledViewer_isToldAndClosedWith4403AtTheNextEvent_andReceivesNothing() {
        stack.connect(viewerConn, a, viewerA);
        stack.subscribe(viewerConn, "s1", TASKS, Map.of("p", projectA));
        stack.table.client().updateItem(r -> r.tableName(stack.table.name())
                .key(Keys.user(a, viewerA).toAttributeMap())
                .updateExpression("SET #s = :d").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("DISABLED"))));
        stack.stream.drain();

        createTask(a, memberA, projectA, "Secret");
        assertThat(stack.deliverChanges().getBatchItemFailures()).isEmpty();

        List<ManagementEndpoint.Call> calls = stack.management.to(viewerConn);
        ManagementEndpoint.Call error = calls.get(calls.size() - 2);
        assertThat(SubscriptionStack.map(error.body())).containsEntry("type", "error").containsEntry("id", "s1");
        assertThat(code(SubscriptionStack.map(error.body()))).isEqualTo("FORBIDDEN");
        ManagementEndpoint.Call close = calls.get(calls.size() - 1);
        assertThat(close.method()).isEqualTo("DELETE");
        assertThat(close.closeCode()).isEqualTo("4403");
        assertThat(close.closeReason()).startsWith("Forbidden");
        assertThat(calls).noneMatch(c -> c.body().contains("Secret"));
        assertThat(subscriptionsOf(a, Topics.tasks(rawProjectId(projectA)))).isZero();
    }

    @Test
    void anExpiredToken_isClosedWith4401AtTheNextEvent() {
        stack.connect(viewerConn, a, viewerA);
        stack.subscribe(viewerConn, "s1", TASKS, Map.of("p", projectA));
        stack.clock.advance(Duration.ofHours(2));
        stack.stream.drain();

        createTask(a, memberA, projectA, "Too late");
        stack.deliverChanges();

        ManagementEndpoint.Call close = stack.management.to(viewerConn).get(stack.management.to(viewerConn).size() - 1);
        assertThat(close.method()).isEqualTo("DELETE");
        assertThat(close.closeCode()).isEqualTo("4401");
        assertThat(stack.management.posted(viewerConn)).noneMatch(body -> body.contains("Too late"));
    }

    @Test
    void aConnectionApiGatewayReportsGone_hasItsItemsRemoved() {
        stack.connect(viewerConn, a, viewerA);
        stack.subscribe(viewerConn, "s1", TASKS, Map.of("p", projectA));
        stack.management.markGone(viewerConn);
        stack.stream.drain();
        createTask(a, memberA, projectA, "Nobody home");

        assertThat(stack.deliverChanges().getBatchItemFailures()).isEmpty();

        assertThat(subscriptionsOf(a, Topics.tasks(rawProjectId(projectA)))).isZero();
        assertThat(stack.table.getConsistent(Keys.webSocketPointer(viewerConn), "test")).isEmpty();
    }

    @Test
    void disconnect_removesTheConnectionsItems() {
        stack.connect(viewerConn, a, viewerA);
        stack.subscribe(viewerConn, "s1", TASKS, Map.of("p", projectA));
        stack.subscribe(viewerConn, "s2", "subscription($p: ID!) { projectChanged(projectId: $p) { kind } }",
                Map.of("p", projectA));
        assertThat(subscriptionsOf(a, Topics.tasks(rawProjectId(projectA)))).isEqualTo(1);

        stack.route("$disconnect", viewerConn, null, null);

        assertThat(subscriptionsOf(a, Topics.tasks(rawProjectId(projectA)))).isZero();
        assertThat(subscriptionsOf(a, Topics.project(rawProjectId(projectA)))).isZero();
        assertThat(stack.table.getConsistent(Keys.webSocketPointer(viewerConn), "test")).isEmpty();
        assertThat(stack.table.getConsistent(Keys.webSocketConnection(a, viewerConn), "test")).isEmpty();
    }

    @Test
    void commentsAndProjectChanges_reachTheirTopics() {
        String taskId = createTask(a, memberA, projectA, "Discuss");
        stack.connect(viewerConn, a, viewerA);
        stack.subscribe(viewerConn, "comments", "subscription($t: ID!) { commentChanged(taskId: $t) { kind version "
                + "comment { body author { name } } } }", Map.of("t", taskId));
        stack.subscribe(viewerConn, "project", "subscription($p: ID!) { projectChanged(projectId: $p) { kind "
                + "project { name } } }", Map.of("p", projectA));
        stack.stream.drain();

        stack.graphql(a, memberA, "mutation($t: ID!) { addComment(input: {taskId: $t, body: \"Looks good\"}) "
                + "{ comment { id } } }", Map.of("t", taskId));
        stack.graphql(a, memberA, "mutation($p: ID!) { updateProject(input: {id: $p, expectedVersion: 1, "
                + "name: \"Website\"}) { project { version } } }", Map.of("p", projectA));
        assertThat(stack.deliverChanges().getBatchItemFailures()).isEmpty();

        List<Map<String, Object>> next = stack.messages(viewerConn).stream()
                .filter(m -> "next".equals(m.get("type"))).toList();
        assertThat(next).extracting(m -> m.get("id")).containsExactly("comments", "project");
        assertThat(path(next.get(0), "payload", "data", "commentChanged", "comment"))
                .containsEntry("body", "Looks good");
        assertThat(path(next.get(1), "payload", "data", "projectChanged", "project")).containsEntry("name", "Website");
    }

    private String createProject(TenantId tenant, UserId user, String key) {
        Map<String, Object> body = stack.graphql(tenant, user, "mutation($k: String!) { createProject(input: "
                + "{key: $k, name: \"Project\"}) { project { id } } }", Map.of("k", key));
        return (String) path(body, "data", "createProject", "project").get("id");
    }

    private String createTask(TenantId tenant, UserId user, String projectId, String title) {
        Map<String, Object> body = stack.graphql(tenant, user, "mutation($p: ID!, $t: String!) { createTask(input: "
                + "{projectId: $p, title: $t}) { task { id } } }", Map.of("p", projectId, "t", title));
        assertThat(body).doesNotContainKey("errors");
        return (String) path(body, "data", "createTask", "task").get("id");
    }

    private static String rawProjectId(String globalId) {
        return GlobalId.decode(globalId, "id").keyParts().get(0);
    }

    private int subscriptionsOf(TenantId tenant, String topic) {
        return stack.table.client().query(r -> r.tableName(stack.table.name()).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.topicPartition(tenant, topic)))))
                .count();
    }

    private static String code(Map<String, Object> errorMessage) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) errorMessage.get("payload");
        return String.valueOf(path(errors.get(0), "extensions").get("code"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> path(Map<String, Object> map, String... keys) {
        Map<String, Object> at = map;
        for (String key : keys) {
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }
}
