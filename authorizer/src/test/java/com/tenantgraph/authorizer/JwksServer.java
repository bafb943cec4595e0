package com.tenantgraph.authorizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user pool's JWKS endpoint on loopback (JDK HttpServer, 127.0.0.1, free port), at the path Cognito uses:
 * {@code /POOL_ID/.well-known/jwks.json}. Tests choose what it answers and count how often it was asked.
 */
public final class JwksServer implements AutoCloseable {

    public static final String POOL_ID = "us-east-1_TestPool";
    public static final String OTHER_POOL_ID = "us-east-1_OtherPool";

    /** How the JWKS path answers. */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger elsewhereRequests = new AtomicInteger();
    private volatile Responder responder = status(503);
    private volatile String elsewhereBody = "{\"keys\":[]}";

    public JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/" + POOL_ID + "/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            try (exchange) {
                responder.respond(exchange);
            }
        });
        server.createContext("/elsewhere/jwks.json", exchange -> {
            elsewhereRequests.incrementAndGet();
            try (exchange) {
                send(exchange, 200, elsewhereBody.getBytes(StandardCharsets.UTF_8), true);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String issuer() {
        return baseUrl() + "/" + POOL_ID;
    }

    public String otherPoolIssuer() {
        return baseUrl() + "/" + OTHER_POOL_ID;
    }

    public String elsewhereUrl() {
        return baseUrl() + "/elsewhere/jwks.json";
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int elsewhereRequests() {
        return elsewhereRequests.get();
    }

    public void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** Serves {@code jwks} as a 200 with Content-Length. */
    public void serve(String jwks) {
        respondWith(body(jwks));
    }

    /** What the redirect target would serve (a valid JWKS, to prove it is never fetched). */
    public void serveElsewhere(String jwks) {
        this.elsewhereBody = jwks;
    }

    public static Responder body(String jwks) {
        byte[] bytes = jwks.getBytes(StandardCharsets.UTF_8);
        return exchange -> send(exchange, 200, bytes, true);
    }

    public static Responder status(int status) {
        return exchange -> send(exchange, status, new byte[0], true);
    }

    public static Responder redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, 302, new byte[0], true);
        };
    }

    /** A valid JWKS padded with whitespace to {@code size} bytes; chunked when {@code announceLength} is false. */
    public static Responder padded(String jwks, int size, boolean announceLength) {
        byte[] bytes = Arrays.copyOf(jwks.getBytes(StandardCharsets.UTF_8), size);
        Arrays.fill(bytes, jwks.length(), size, (byte) ' ');
        return exchange -> send(exchange, 200, bytes, announceLength);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean announceLength)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, announceLength ? body.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
