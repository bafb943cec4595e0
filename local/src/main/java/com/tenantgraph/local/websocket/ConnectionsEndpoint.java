package com.tenantgraph.local.websocket;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.tenantgraph.local.lambda.HttpExchanges;
import com.tenantgraph.local.lambda.LoopbackHttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API Gateway Management API of the local WebSocket API, on its own loopback port, for the real
 * {@code ApiGatewayManagementApiClient}: {@code POST /@connections/{id}} sends the body to the client as one message
 * (at most 128 KB, else 413 PayloadTooLargeException), {@code GET} describes the connection, {@code DELETE} closes it.
 * An id that is not an open connection is 410 GoneException, as deployed. The path may start with the stage
 * ({@code /local/@connections/…}), as the deployed endpoint {@code https://…/STAGE} makes the SDK send it.
 *
 * <p>Local extension: a DELETE may carry {@code X-TenantGraph-Close-Code} (1000 or 3000-4999) and
 * {@code X-TenantGraph-Close-Reason}, the close frame the client then gets; API Gateway ignores both headers.
 */
final class ConnectionsEndpoint implements AutoCloseable {
    static final String CLOSE_CODE_HEADER = "X-TenantGraph-Close-Code";
    static final String CLOSE_REASON_HEADER = "X-TenantGraph-Close-Reason";
    private static final Pattern PATH = Pattern.compile("(?:/[^/@]+)?/@connections/([^/]+)");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    private final Function<String, Connection> connections;
    private final Consumer<String> log;
    private final LoopbackHttpServer server;

    private ConnectionsEndpoint(int port, Function<String, Connection> connections, Consumer<String> log) {
        this.connections = connections;
        this.log = log;
        this.server = LoopbackHttpServer.start("the local WebSocket Management API", port,
                "LocalWebSocketApi.Config.managementPort (TG_WS_MANAGEMENT_PORT for ./dev up)", 16, this::handle);
    }

    static ConnectionsEndpoint start(int port, Function<String, Connection> connections, Consumer<String> log) {
        return new ConnectionsEndpoint(port, connections, log);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = answer(exchange);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Content-Type", List.of("application/json"));
            if (answer.errorType() != null) {
                headers.put("x-amzn-ErrorType", List.of(answer.errorType()));
            }
            HttpExchanges.send(exchange, answer.status(), headers, answer.body());
        }
    }

    private record Answer(int status, String errorType, byte[] body) {
        static Answer error(int status, String type, String message) {
            return new Answer(status, type, WebSocketEvents.json(Map.of("message", message)));
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches()) {
            return Answer.error(403, "ForbiddenException", "Forbidden: the Management API serves /@connections/{id}");
        }
        String id = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        Connection connection = connections.apply(id);
        String method = exchange.getRequestMethod();
        Optional<byte[]> body = HttpExchanges.readBody(exchange, LocalWebSocketApi.MAX_MESSAGE_BYTES);
        if (connection == null || !connection.isOpen()) {
            logCall(method, id, 410);
            return Answer.error(410, "GoneException", "The connection " + id + " is gone");
        }
        Answer answer = switch (method) {
            case "POST" -> post(connection, body);
            case "GET" -> new Answer(200, null, describe(connection));
            case "DELETE" -> delete(connection, exchange);
            default -> Answer.error(403, "ForbiddenException", "Forbidden: " + method + " on @connections");
        };
        logCall(method, id, answer.status());
        return answer;
    }

    private static Answer post(Connection connection, Optional<byte[]> body) {
        if (body.isEmpty()) {
            return Answer.error(413, "PayloadTooLargeException", "Message too long: the limit is "
                    + LocalWebSocketApi.MAX_MESSAGE_BYTES + " bytes");
        }
        if (isConnectionAck(body.get())) {
            connection.acknowledge();
        }
        return connection.send(body.get()) ? new Answer(200, null, new byte[0])
                : Answer.error(410, "GoneException", "The connection " + connection.id() + " is gone");
    }

    private static Answer delete(Connection connection, HttpExchange exchange) {
        String code = exchange.getRequestHeaders().getFirst(CLOSE_CODE_HEADER);
        String reason = Optional.ofNullable(exchange.getRequestHeaders().getFirst(CLOSE_REASON_HEADER)).orElse("");
        int closeCode = Frames.NORMAL;
        if (code != null) {
            closeCode = code.matches("\\d{4}") ? Integer.parseInt(code) : -1;
            if (closeCode != Frames.NORMAL && (closeCode < 3000 || closeCode > 4999)) {
                return Answer.error(400, "BadRequestException", CLOSE_CODE_HEADER
                        + " must be 1000 or 3000-4999, not " + code);
            }
        }
        connection.close(closeCode, reason);
        return new Answer(204, null, new byte[0]);
    }

    private static byte[] describe(Connection connection) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", connection.info().sourceIp());
        if (connection.info().userAgent() != null) {
            identity.put("userAgent", connection.info().userAgent());
        }
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("connectedAt", ISO.format(connection.info().connectedAt()));
        description.put("identity", identity);
        description.put("lastActiveAt", ISO.format(connection.lastActiveAt()));
        return WebSocketEvents.json(description);
    }

    private static boolean isConnectionAck(byte[] body) {
        try {
            return JSON.std.anyFrom(body) instanceof Map<?, ?> message && "connection_ack".equals(message.get("type"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void logCall(String method, String connectionId, int status) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "websocket-management");
        line.put("method", method);
        line.put("connectionId", connectionId);
        line.put("status", status);
        line.put("time", ISO.format(Instant.now()));
        log.accept(new String(WebSocketEvents.json(line), StandardCharsets.UTF_8));
    }
}
