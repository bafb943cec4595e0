package com.tenantgraph.local.websocket;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.gateway.FunctionRunner;
import com.tenantgraph.local.lambda.InvocationResult;
import com.tenantgraph.local.lambda.LocalFunction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What API Gateway's WebSocket API does in front of TenantGraph, on loopback, for the API that template.yaml declares
 * ({@link WebSocketApiDefinition}): the RFC 6455 handshake on {@code ws://127.0.0.1:PORT/STAGE}; the {@code $connect}
 * route, whose answer accepts or refuses the handshake and may choose the subprotocol
 * ({@code Sec-WebSocket-Protocol}); every data message routed by the route selection expression (here all go to
 * {@code $default}), in order per connection; {@code $disconnect} once, however the connection ended; the
 * {@code @connections} Management API ({@link ConnectionsEndpoint}) that the functions post replies through; and
 * API Gateway's quotas: frames of at most 32 KB and messages of at most 128 KB (else close 1009), 10 minutes idle and
 * 2 hours in all (else close 1001). The functions are the real handlers, called in-process through
 * {@link LocalFunction}, so they get the JSON API Gateway would send.
 *
 * <p>One local extension, for graphql-transport-ws (documented in docs/local-api-gateway.md): a connection to which no
 * {@code connection_ack} was posted within {@link Config#connectionInitTimeout()} is closed with 4408, the timer a
 * Lambda function cannot keep.
 */
public final class LocalWebSocketApi implements AutoCloseable {
    /** API Gateway's WebSocket frame and message limits. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    private static final Duration HANDSHAKE_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final long SWEEP_MILLIS = 100;
    /**
     * How long {@link #close()} lets the closed connections finish: their closing handshake (at most
     * {@link Connection#CLOSING_GRACE}) and then their {@code $disconnect}.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Config config;
    private final WebSocketApiDefinition api;
    private final Map<String, LocalFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> routes;
    private final Consumer<String> log;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ServerSocket serverSocket;
    /** The thread accepting connections; {@link #close()} waits for it, so the port is free when close returns. */
    private volatile Thread acceptor;
    private final ExecutorService connectionThreads;
    private final ScheduledExecutorService sweeper;
    private final FunctionRunner functions;
    private final ConnectionsEndpoint management;
    /** Connections whose thread has not finished yet ({@code $disconnect} included). */
    private final AtomicInteger serving = new AtomicInteger();
    /** Set by {@link #close()}: a function call cut short from now on is the stop, not a failure. */
    private volatile boolean stopping;

    /**
     * What the template does not say about the local WebSocket gateway.
     *
     * @param port                  127.0.0.1 port of the WebSocket API, 0 for a free one
     * @param managementPort        127.0.0.1 port of the {@code @connections} Management API, 0 for a free one
     * @param idleTimeout           a connection with no frame either way for this long is closed (API Gateway: 10 min)
     * @param maxConnectionDuration every connection is closed after this long (API Gateway: 2 h)
     * @param connectionInitTimeout the local graphql-transport-ws extension: no {@code connection_ack} posted within
     *                              this long closes the connection with 4408; zero turns it off
     * @param integrationTimeout    how long a route's function may take (API Gateway: 29 s)
     */
    public record Config(int port, int managementPort, Duration idleTimeout, Duration maxConnectionDuration,
                         Duration connectionInitTimeout, Duration integrationTimeout) {
        public Config {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(maxConnectionDuration, "maxConnectionDuration");
            Objects.requireNonNull(connectionInitTimeout, "connectionInitTimeout");
            Objects.requireNonNull(integrationTimeout, "integrationTimeout");
            if (notPositive(idleTimeout) || notPositive(maxConnectionDuration) || notPositive(integrationTimeout)
                    || connectionInitTimeout.isNegative()) {
                throw new IllegalArgumentException("the WebSocket timeouts must be positive (the init timeout may be"
                        + " zero): " + this);
            }
        }

        private static boolean notPositive(Duration duration) {
            return duration.isNegative() || duration.isZero();
        }

        /** API Gateway's quotas, and graphql-ws's default connection_init timeout of 10 s. */
        public static Config defaults(int port, int managementPort) {
            return new Config(port, managementPort, Duration.ofMinutes(10), Duration.ofHours(2),
                    Duration.ofSeconds(10), Duration.ofSeconds(29));
        }
    }

    private LocalWebSocketApi(Config config, WebSocketApiDefinition api,
                              Map<String, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>>
                                      handlers, Consumer<String> log) {
        this.config = config;
        this.api = api;
        this.log = log;
        Map<String, LocalFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> byRoute =
                new LinkedHashMap<>();
        Map<String, LocalFunction<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> byFunction =
                new LinkedHashMap<>();
        api.routes().forEach((routeKey, function) -> byRoute.put(routeKey, byFunction.computeIfAbsent(function,
                id -> LocalFunction.of(id, APIGatewayV2WebSocketEvent.class, handlerOf(id, handlers)))));
        this.routes = Map.copyOf(byRoute);
        this.serverSocket = bind(config.port());
        this.functions = new FunctionRunner("local-ws-lambda", 32);
        this.connectionThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-ws-connection");
            thread.setDaemon(true);
            return thread;
        });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-ws-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        this.management = ConnectionsEndpoint.start(config.managementPort(), connections::get, log);
    }

    /**
     * Starts the WebSocket API and its Management API; the log goes to stdout.
     *
     * @param handlers the handler of each function a route integrates, by its logical id in the template
     */
    public static LocalWebSocketApi start(Config config, WebSocketApiDefinition api,
                                          Map<String, RequestHandler<APIGatewayV2WebSocketEvent,
                                                  APIGatewayV2WebSocketResponse>> handlers) {
        return start(config, api, handlers, System.out::println);
    }

    /** For tests: the log lines go to {@code log}. */
    public static LocalWebSocketApi start(Config config, WebSocketApiDefinition api,
                                          Map<String, RequestHandler<APIGatewayV2WebSocketEvent,
                                                  APIGatewayV2WebSocketResponse>> handlers, Consumer<String> log) {
        LocalWebSocketApi gateway = new LocalWebSocketApi(config, api, handlers, log);
        gateway.sweeper.scheduleWithFixedDelay(gateway::closeExpired, SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        Thread acceptor = new Thread(gateway::acceptLoop, "local-ws-accept");
        acceptor.setDaemon(true);
        gateway.acceptor = acceptor;
        acceptor.start();
        return gateway;
    }

    private static RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handlerOf(
            String function,
            Map<String, RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse>> handlers) {
        var handler = handlers.get(function);
        if (handler == null) {
            throw new IllegalArgumentException("a route of the WebSocket API integrates the function " + function
                    + " of template.yaml, but the local gateway was given no handler for it (only for "
                    + handlers.keySet() + ")");
        }
        return handler;
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(Ports.LOOPBACK, port), 128);
            return socket;
        } catch (BindException e) {
            throw new Ports.PortInUseException("port " + port + " on 127.0.0.1 for the local WebSocket API is already"
                    + " in use; stop whatever holds it or choose another port with LocalWebSocketApi.Config.port"
                    + " (TG_WS_PORT for ./dev up; 0 picks a free one)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local WebSocket API on 127.0.0.1:" + port, e);
        }
    }

    /** {@code ws://127.0.0.1:PORT/STAGE}: what a client connects to. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + port() + "/" + api.stage());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT/STAGE}: the endpoint of the Management API client (WEBSOCKET_MANAGEMENT_ENDPOINT). */
    public URI managementEndpoint() {
        return URI.create("http://127.0.0.1:" + management.port() + "/" + api.stage());
    }

    /** How many connections are open now. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops listening and closes every connection with 1001; their {@code $disconnect} runs, for {@link #STOP_GRACE}
     * at most. Connections still busy in a function then are abandoned (their invocations interrupted) with one log
     * line saying how many, not an error each: the stack is stopping.
     */
    @Override
    public void close() {
        stopping = true;
        Ports.closeListener(serverSocket, acceptor);
        connections.values().forEach(connection -> connection.close(Frames.GOING_AWAY, "Going away"));
        sweeper.shutdownNow();
        connectionThreads.shutdown();
        if (!awaitConnectionThreads(STOP_GRACE)) {
            int abandoned = serving.get();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "websocket");
            line.put("level", "INFO");
            line.put("message", "stopping: " + abandoned + " connection(s) still in a function after "
                    + STOP_GRACE.toSeconds() + " s abandoned; their $disconnect may not have run");
            log.accept(new String(WebSocketEvents.json(line), StandardCharsets.UTF_8));
            connectionThreads.shutdownNow();
            awaitConnectionThreads(Duration.ofSeconds(1));
        }
        management.close();
        functions.close();
    }

    private boolean awaitConnectionThreads(Duration wait) {
        try {
            return connectionThreads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A function call cut short because {@link #close()} gave up on it: the runner saw its thread interrupted (and
     * kept the flag), or was already closed.
     */
    private boolean cutShortByStop(RuntimeException e) {
        return stopping && (Thread.currentThread().isInterrupted()
                || e instanceof RejectedExecutionException);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connectionThreads.execute(() -> serve(socket));
            } catch (IOException e) {
                // closed, or one failed accept: the loop condition decides
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        serving.incrementAndGet();
        Connection connection = null;
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) HANDSHAKE_READ_TIMEOUT.toMillis());
            var in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Handshake handshake;
            try {
                handshake = Handshake.read(in);
            } catch (Handshake.Refused refused) {
                respond(out, refused.status(), refused.getMessage(), Map.of());
                return;
            }
            connection = open(socket, out, handshake);
            if (connection == null) {
                return;
            }
            socket.setSoTimeout(0);
            readMessages(connection, new Frames(in, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES));
        } catch (IOException e) {
            // the client went away during the handshake
        } catch (RuntimeException e) {
            if (!cutShortByStop(e)) {
                throw e;
            }
        } finally {
            try {
                if (connection != null) {
                    connection.close(1006, "Connection closed abnormally");
                    connections.remove(connection.id());
                    disconnect(connection);
                }
            } finally {
                serving.decrementAndGet();
            }
        }
    }

    /** Runs {@code $connect}; on a 2xx answer completes the handshake and registers the connection, else refuses. */
    private Connection open(Socket socket, OutputStream out, Handshake handshake) throws IOException {
        String path = handshake.path().endsWith("/") ? handshake.path().substring(0, handshake.path().length() - 1)
                : handshake.path();
        if (!path.equals("/" + api.stage())) {
            respond(out, 403, "Forbidden", Map.of());
            return null;
        }
        String host = Optional.ofNullable(handshake.header("Host")).orElse("127.0.0.1:" + port());
        var info = new WebSocketEvents.ConnectionInfo(newConnectionId(), Instant.now(), host, api.stage(),
                socket.getInetAddress().getHostAddress(), handshake.header("User-Agent"));
        String requestId = UUID.randomUUID().toString();
        Map<String, String> accepted = Map.of();
        var connectRoute = routes.get("$connect");
        if (connectRoute != null) {
            long started = System.nanoTime();
            Optional<InvocationResult> result = functions.invoke(connectRoute,
                    WebSocketEvents.connect(info, handshake, requestId), config.integrationTimeout());
            ConnectAnswer answer = ConnectAnswer.of(result);
            logEvent(info.connectionId(), "$connect", "CONNECT", requestId, answer.status(), started, answer.note());
            if (answer.status() < 200 || answer.status() > 299) {
                respond(out, answer.status(), answer.status() >= 500 ? "Internal server error" : "Forbidden",
                        Map.of());
                return null;
            }
            accepted = answer.subprotocol().map(protocol -> Map.of("Sec-WebSocket-Protocol", protocol))
                    .orElse(Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Accept", handshake.acceptValue());
        headers.putAll(accepted);
        headers.put("x-amzn-RequestId", requestId);
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        Connection connection = new Connection(info, socket, out);
        connections.put(connection.id(), connection);
        synchronized (out) {
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return connection;
    }

    private void readMessages(Connection connection, Frames frames) throws IOException {
        while (true) {
            Frames.Message message;
            try {
                message = frames.next();
            } catch (CloseException e) {
                connection.close(e.code(), e.reason());
                frames.discardUntilClosed(); // the client answers with its close frame, or the grace ends
                return;
            } catch (EOFException | SocketException e) {
                connection.close(1006, "Connection closed abnormally");
                return;
            }
            connection.touch();
            switch (message.opcode()) {
                case Frames.CLOSE -> {
                    int code = Frames.closeCode(message.payload());
                    connection.close(code == 1005 ? Frames.NORMAL : code, Connection.reasonText(message.payload()));
                    return;
                }
                case Frames.PING -> connection.pong(message.payload());
                case Frames.PONG -> {
                    // unsolicited pongs are allowed and ignored
                }
                default -> {
                    if (connection.isOpen()) { // after the server's close frame, messages are not routed
                        route(connection, message);
                    }
                }
            }
        }
    }

    /** Invokes the message's route, as API Gateway does; an integration failure is told to the client. */
    private void route(Connection connection, Frames.Message message) {
        boolean binary = message.opcode() == Frames.BINARY;
        String body = binary ? Base64.getEncoder().encodeToString(message.payload()) : message.text();
        String routeKey = api.routeFor(binary ? null : parseOrNull(body));
        String requestId = UUID.randomUUID().toString();
        var function = routes.get(routeKey);
        if (function == null) {
            connection.send(apiGatewayMessage("Forbidden", connection, requestId));
            return;
        }
        long started = System.nanoTime();
        Optional<InvocationResult> result = functions.invoke(function,
                WebSocketEvents.message(connection.info(), routeKey, body, binary, requestId),
                config.integrationTimeout());
        boolean failed = result.isEmpty() || result.get() instanceof InvocationResult.FunctionError;
        logEvent(connection.id(), routeKey, "MESSAGE", requestId, failed ? 500 : 200, started,
                result.map(Object::toString).filter(text -> failed).orElse(failed ? "integration timeout" : null));
        if (failed) {
            connection.send(apiGatewayMessage("Internal server error", connection, requestId));
        }
    }

    private void disconnect(Connection connection) {
        var function = routes.get("$disconnect");
        if (function == null) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        Optional<InvocationResult> result;
        try {
            result = functions.invoke(function, WebSocketEvents.disconnect(connection.info(),
                    connection.closeCode(), connection.closeReason(), requestId), config.integrationTimeout());
        } catch (RuntimeException e) {
            if (cutShortByStop(e)) {
                return; // counted in close()'s one line
            }
            throw e;
        }
        boolean failed = result.isEmpty() || result.get() instanceof InvocationResult.FunctionError;
        logEvent(connection.id(), "$disconnect", "DISCONNECT", requestId, failed ? 500 : 200, started,
                "close " + connection.closeCode() + " " + connection.closeReason());
    }

    /** The quotas and the local connection_init timer, checked for every connection a few times a second. */
    private void closeExpired() {
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            if (now - connection.connectedNanos() >= config.maxConnectionDuration().toNanos()) {
                connection.close(Frames.GOING_AWAY, "Going away: connection duration limit reached");
            } else if (now - connection.lastActiveNanos() >= config.idleTimeout().toNanos()) {
                connection.close(Frames.GOING_AWAY, "Going away: idle timeout");
            } else if (!config.connectionInitTimeout().isZero() && !connection.acknowledged()
                    && now - connection.connectedNanos() >= config.connectionInitTimeout().toNanos()) {
                connection.close(4408, "Connection initialisation timeout");
            }
        }
    }

    /** API Gateway's connection ids: 16 characters of base64, such as {@code L0SM9cOFvHcCIhw=}. */
    private static String newConnectionId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Object parseOrNull(String body) {
        try {
            return JSON.std.anyFrom(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] apiGatewayMessage(String message, Connection connection, String requestId) {
        return WebSocketEvents.json(Map.of("message", message, "connectionId", connection.id(),
                "requestId", requestId));
    }

    private static void respond(OutputStream out, int status, String message, Map<String, String> headers)
            throws IOException {
        byte[] body = WebSocketEvents.json(Map.of("message", message));
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(message)
                .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length)
                .append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private void logEvent(String connectionId, String routeKey, String eventType, String requestId, int status,
                          long startedNanos, String note) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "websocket");
        line.put("requestId", requestId);
        line.put("connectionId", connectionId);
        line.put("routeKey", routeKey);
        line.put("eventType", eventType);
        line.put("status", status);
        line.put("integrationLatencyMs", Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
        if (note != null) {
            line.put("note", note);
        }
        log.accept(new String(WebSocketEvents.json(line), StandardCharsets.UTF_8));
    }
}
