package com.tenantgraph.local.subscriptions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for API Gateway's {@code @connections} Management API on loopback, for tests that run the subscription
 * handlers without the local gateway: records every PostToConnection and DeleteConnection the real SDK client sends,
 * and answers 410 GoneException for connections a test marks gone.
 */
final class ManagementEndpoint implements AutoCloseable {
    /** One call: POST (a message posted) or DELETE (a close, with the close-code extension's headers). */
    record Call(String method, String connectionId, String body, String closeCode, String closeReason) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    ManagementEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void markGone(String connectionId) {
        gone.add(connectionId);
    }

    List<Call> to(String connectionId) {
        return calls.stream().filter(c -> c.connectionId().equals(connectionId)).toList();
    }

    List<String> posted(String connectionId) {
        return to(connectionId).stream().filter(c -> c.method().equals("POST")).map(Call::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String prefix = "/@connections/";
        int at = path.indexOf(prefix);
        String id = at < 0 ? "" : URLDecoder.decode(path.substring(at + prefix.length()), StandardCharsets.UTF_8);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (gone.contains(id)) {
            byte[] answer = "{\"message\":\"gone\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(410, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            return;
        }
        calls.add(new Call(exchange.getRequestMethod(), id, body,
                exchange.getRequestHeaders().getFirst("X-TenantGraph-Close-Code"),
                exchange.getRequestHeaders().getFirst("X-TenantGraph-Close-Reason")));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
