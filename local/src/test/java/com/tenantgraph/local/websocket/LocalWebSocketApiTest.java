package com.tenantgraph.local.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.emulator.QuietPorts;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local WebSocket API over real sockets: a JDK WebSocket client on one side, a recording fake function behind
 * it, and the Management API called over real HTTP.
 */
class LocalWebSocketApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final WebSocketApiDefinition API = new WebSocketApiDefinition("local", "$request.body.type",
            Map.of("$connect", "WebSocketFunction", "$disconnect", "WebSocketFunction",
                    "$default", "WebSocketFunction"));

    private final FakeWebSocketFunction function = new FakeWebSocketFunction();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private LocalWebSocketApi gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private LocalWebSocketApi start(LocalWebSocketApi.Config config) {
        gateway = LocalWebSocketApi.start(config, API, Map.of("WebSocketFunction", function), log::add);
        return gateway;
    }

    private LocalWebSocketApi start() {
        return start(LocalWebSocketApi.Config.defaults(0, 0));
    }

    private HttpResponse<String> management(String method, String connectionId, String body,
                                            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.managementEndpoint() + "/@connections/"
                + URLEncoder.encode(connectionId, StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String connectionId() throws InterruptedException {
        return function.next("$connect").getRequestContext().getConnectionId();
    }

    @Test
    void connect_sendsApiGatewaysConnectEvent_andNegotiatesTheSubprotocolTheFunctionChose() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url(), "graphql-transport-ws")) {
            APIGatewayV2WebSocketEvent connect = function.next("$connect");
            var context = connect.getRequestContext();

            assertThat(client.subprotocol()).isEqualTo("graphql-transport-ws");
            assertThat(context.getEventType()).isEqualTo("CONNECT");
            assertThat(context.getConnectionId()).matches("[A-Za-z0-9+/]{15}=");
            assertThat(context.getStage()).isEqualTo("local");
            assertThat(context.getConnectedAt()).isPositive();
            assertThat(context.getRequestId()).isNotBlank();
            assertThat(context.getDomainName()).isEqualTo("127.0.0.1:" + gateway.port());
            assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
            assertThat(connect.getHeaders()).containsEntry("Sec-WebSocket-Protocol", "graphql-transport-ws")
                    .containsKey("Sec-WebSocket-Key");
        }
    }

    @Test
    void connect_withoutASubprotocolTheFunctionAccepts_hasNone() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            assertThat(client.subprotocol()).isEmpty();
        }
    }

    @Test
    void connect_isRefused_whenTheFunctionAnswersNon2xx_andNoConnectionExists() {
        start();
        function.connectStatus = 403;

        assertThatThrownBy(() -> WsClient.connect(gateway.url())).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(gateway.openConnections()).isZero();
    }

    @Test
    void connect_isRefused_onAPathThatIsNotTheStage_withoutCallingTheFunction() {
        start();

        assertThatThrownBy(() -> WsClient.connect(URI.create("ws://127.0.0.1:" + gateway.port() + "/other")))
                .isInstanceOf(CompletionException.class);
        assertThat(function.events).isEmpty();
    }

    @Test
    void message_goesToDefault_withBodyAndConnectionId_inOrder() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url(), "graphql-transport-ws")) {
            String id = connectionId();
            client.send("{\"type\":\"connection_init\"}");
            client.send("{\"type\":\"subscribe\",\"id\":\"1\"}");

            APIGatewayV2WebSocketEvent first = function.next("$default");
            APIGatewayV2WebSocketEvent second = function.next("$default");
            assertThat(first.getBody()).isEqualTo("{\"type\":\"connection_init\"}");
            assertThat(second.getBody()).contains("subscribe");
            assertThat(first.getRequestContext().getEventType()).isEqualTo("MESSAGE");
            assertThat(first.getRequestContext().getConnectionId()).isEqualTo(id);
            assertThat(first.getRequestContext().getMessageId()).isNotBlank();
            assertThat(first.isIsBase64Encoded()).isFalse();
        }
    }

    @Test
    void message_thatFailsTheFunction_getsApiGatewaysInternalServerErrorMessage() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            String id = connectionId();
            client.send("boom");

            assertThat(client.next(WAIT)).contains("\"message\":\"Internal server error\"")
                    .contains("\"connectionId\":\"" + id + "\"");
        }
    }

    @Test
    void postToConnection_deliversTheBodyAsOneTextMessage_andGetDescribesTheConnection() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            String id = connectionId();

            assertThat(management("POST", id, "{\"type\":\"next\"}", Map.of()).statusCode()).isEqualTo(200);
            assertThat(client.next(WAIT)).isEqualTo("{\"type\":\"next\"}");
            HttpResponse<String> description = management("GET", id, null, Map.of());
            assertThat(description.statusCode()).isEqualTo(200);
            assertThat(description.body()).contains("\"connectedAt\"", "\"lastActiveAt\"",
                    "\"sourceIp\":\"127.0.0.1\"");
        }
    }

    @Test
    void managementApi_answers410Gone_forAConnectionThatIsNotOpen() throws Exception {
        start();
        HttpResponse<String> gone = management("POST", "AAAAAAAAAAAAAAA=", "{}", Map.of());

        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
        assertThat(management("DELETE", "AAAAAAAAAAAAAAA=", null, Map.of()).statusCode()).isEqualTo(410);
    }

    @Test
    void postToConnection_over128KB_is413_andNothingIsSent() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            String id = connectionId();
            HttpResponse<String> tooLarge = management("POST", id, "x".repeat(128 * 1024 + 1), Map.of());

            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.headers().firstValue("x-amzn-ErrorType")).hasValue("PayloadTooLargeException");
            assertThat(client.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void deleteConnection_closesWithTheCodeOfTheLocalExtension_andRunsDisconnectOnce() throws Exception {
        start();
        WsClient client = WsClient.connect(gateway.url());
        String id = connectionId();

        HttpResponse<String> deleted = management("DELETE", id, null,
                Map.of("X-TenantGraph-Close-Code", "4403", "X-TenantGraph-Close-Reason", "Forbidden"));

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(client.awaitClose(WAIT)).isEqualTo(new WsClient.Close(4403, "Forbidden"));
        APIGatewayV2WebSocketEvent disconnect = function.next("$disconnect");
        assertThat(disconnect.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
        assertThat(disconnect.getRequestContext().getConnectionId()).isEqualTo(id);
        assertThat(management("POST", id, "{}", Map.of()).statusCode()).isEqualTo(410);
        client.close();
        assertThat(function.events.stream().filter(e -> "$disconnect".equals(e.getRequestContext().getRouteKey())))
                .isEmpty();
    }

    @Test
    void deleteConnection_refusesACloseCodeOutsideTheApplicationRange() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            String id = connectionId();

            assertThat(management("DELETE", id, null, Map.of("X-TenantGraph-Close-Code", "1011")).statusCode())
                    .isEqualTo(400);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void clientClose_runsDisconnect_withTheClientsCode() throws Exception {
        start();
        WsClient client = WsClient.connect(gateway.url());
        String id = connectionId();

        client.close();

        APIGatewayV2WebSocketEvent disconnect = function.next("$disconnect");
        assertThat(disconnect.getRequestContext().getConnectionId()).isEqualTo(id);
    }

    @Test
    void close_closesEveryOpenConnectionWith1001_andRunsTheirDisconnect() throws Exception {
        LocalWebSocketApi stopped = start();
        gateway = null;
        WsClient first = WsClient.connect(stopped.url());
        WsClient second = WsClient.connect(stopped.url());
        List<String> ids = List.of(connectionId(), connectionId());

        stopped.close();

        assertThat(first.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(second.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(List.of(function.next("$disconnect"), function.next("$disconnect")))
                .extracting(e -> e.getRequestContext().getConnectionId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(log).filteredOn(line -> line.contains("\"eventType\":\"DISCONNECT\"")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"status\":200", "close 1001"));
        assertThat(log).noneMatch(line -> line.contains("abandoned"));
    }

    @Test
    void close_whileDisconnectsHang_abandonsThemAfterTheGrace_withOneInfoLine_andNoStackTrace() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try {
            function.disconnectHangs = true;
            LocalWebSocketApi stopped = start();
            gateway = null;
            WsClient first = WsClient.connect(stopped.url());
            WsClient second = WsClient.connect(stopped.url());
            connectionId();
            connectionId();

            stopped.close();

            assertThat(first.awaitClose(WAIT).code()).isEqualTo(1001);
            assertThat(second.awaitClose(WAIT).code()).isEqualTo(1001);
            assertThat(function.interruptedDisconnects.tryAcquire(2, WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(log).filteredOn(line -> line.contains("abandoned")).singleElement().satisfies(line ->
                    assertThat(line).contains("\"level\":\"INFO\"", "2 connection(s) still in a function"));
            assertThat(log).noneMatch(line -> line.contains("\"eventType\":\"DISCONNECT\""));
            assertThat(uncaught).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void aFrameOver32KB_closesWith1009_withoutRoutingIt() throws Exception {
        start();
        try (RawWsClient client = new RawWsClient(gateway.url(), "graphql-transport-ws")) {
            connectionId();
            client.sendOneFrame("x".repeat(32 * 1024 + 1).getBytes(StandardCharsets.UTF_8));

            Frames.Message close = client.nextFrame();
            assertThat(close.opcode()).isEqualTo(Frames.CLOSE);
            assertThat(Frames.closeCode(close.payload())).isEqualTo(1009);
            assertThat(function.next("$disconnect").getRequestContext().getConnectionId()).isNotBlank();
            assertThat(function.events.stream().filter(e -> "$default".equals(e.getRequestContext().getRouteKey())))
                    .isEmpty();
        }
    }

    @Test
    void aMessageOver128KB_inFramesWithinTheLimit_closesWith1009() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            connectionId();
            client.send("x".repeat(128 * 1024 + 1)); // the JDK client sends it in frames of its own size

            WsClient.Close close = client.awaitClose(WAIT);
            assertThat(close.code()).isEqualTo(1009);
        }
    }

    @Test
    void idleTimeout_closesWith1001_unlessMessagesFlow() throws Exception {
        start(new LocalWebSocketApi.Config(0, 0, Duration.ofMillis(600), Duration.ofHours(2), Duration.ZERO,
                Duration.ofSeconds(29)));
        try (WsClient idle = WsClient.connect(gateway.url())) {
            WsClient.Close close = idle.awaitClose(WAIT);

            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).contains("idle");
        }
    }

    @Test
    void maximumDuration_closesWith1001_evenAnActiveConnection() throws Exception {
        start(new LocalWebSocketApi.Config(0, 0, Duration.ofMinutes(10), Duration.ofMillis(800), Duration.ZERO,
                Duration.ofSeconds(29)));
        try (WsClient client = WsClient.connect(gateway.url())) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"type\":\"ping\"}");
            }
            WsClient.Close close = client.awaitClose(WAIT);

            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).contains("duration");
        }
    }

    @Test
    void connectionInitTimeout_closesWith4408_unlessAConnectionAckWasPosted() throws Exception {
        start(new LocalWebSocketApi.Config(0, 0, Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofMillis(700),
                Duration.ofSeconds(29)));
        try (WsClient silent = WsClient.connect(gateway.url(), "graphql-transport-ws")) {
            connectionId();
            try (WsClient acknowledged = WsClient.connect(gateway.url(), "graphql-transport-ws")) {
                management("POST", connectionId(), "{\"type\":\"connection_ack\"}", Map.of());

                assertThat(silent.awaitClose(WAIT)).isEqualTo(new WsClient.Close(4408,
                        "Connection initialisation timeout"));
                assertThat(acknowledged.next(WAIT)).isEqualTo("{\"type\":\"connection_ack\"}");
                assertThat(acknowledged.isClosed()).isFalse();
            }
        }
    }

    @Test
    void close_releasesBothPorts_andStopsAnswering() throws Exception {
        // GIVEN a gateway on ports no other process's connection can be handed meanwhile, with a client connected
        int port = QuietPorts.freeBelowEphemeralRange();
        int managementPort = QuietPorts.freeBelowEphemeralRange();
        while (managementPort == port) {
            managementPort = QuietPorts.freeBelowEphemeralRange();
        }
        LocalWebSocketApi stopped = start(LocalWebSocketApi.Config.defaults(port, managementPort));
        gateway = null;
        WsClient client = WsClient.connect(stopped.url());
        connectionId();

        // WHEN
        stopped.close();

        // THEN both ports can be bound again at once, and a new connection is refused
        Ports.requireFree(port, "the test", "nothing");
        Ports.requireFree(managementPort, "the test", "nothing");
        assertThat(client.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThatThrownBy(() -> WsClient.connect(stopped.url())).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void start_failsNamingTheSetting_whenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            assertThatThrownBy(() -> start(LocalWebSocketApi.Config.defaults(taken.getLocalPort(), 0)))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort())).hasMessageContaining("TG_WS_PORT");
        }
    }

    @Test
    void start_failsNamingTheFunction_whenARouteHasNoHandler() {
        assertThatThrownBy(() -> LocalWebSocketApi.start(LocalWebSocketApi.Config.defaults(0, 0), API, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WebSocketFunction");
    }

    @Test
    void everyEvent_writesOneJsonLogLine() throws Exception {
        start();
        try (WsClient client = WsClient.connect(gateway.url())) {
            connectionId();
        }
        function.next("$disconnect");

        assertThat(log).anySatisfy(line -> assertThat(line).contains("\"routeKey\":\"$connect\"", "\"status\":200"));
    }
}
