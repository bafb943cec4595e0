package com.tenantgraph.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive client (every browser, node's http agent) is answered as fast as one on a fresh connection. The JDK's
 * server writes a response's headers and its body in separate writes; without TCP_NODELAY, Nagle's algorithm holds the
 * body until the client acknowledges the headers, which a client on a warm connection delays (about 40 ms on Linux).
 * No timed assertion: both kinds of client run in one test against one server, and the medians are compared.
 */
class LoopbackHttpServerKeepAliveTest {
    private static final int REQUESTS = 40;
    private static final byte[] BODY = "{\"data\":{\"ok\":true}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeepAliveClient_isAnsweredAsFastAsAFreshConnection() throws IOException {
        try (LoopbackHttpServer server = LoopbackHttpServer.start("keep-alive test", 0, "none", 2, exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
        })) {
            // GIVEN both clients warmed up
            freshConnectionMedianNanos(server.port(), 5);
            keepAliveMedianNanos(server.port(), 5);

            // WHEN
            long fresh = freshConnectionMedianNanos(server.port(), REQUESTS);
            long keepAlive = keepAliveMedianNanos(server.port(), REQUESTS);

            // THEN a request on a warm connection costs no more than one that also opens and closes a connection
            // (with Nagle's algorithm on, it is some forty times more)
            assertThat(keepAlive).as("median keep-alive %d µs vs fresh connection %d µs", keepAlive / 1_000,
                    fresh / 1_000).isLessThanOrEqualTo(3 * fresh);
        }
    }

    private static long keepAliveMedianNanos(int port, int requests) throws IOException {
        long[] nanos = new long[requests];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            for (int i = 0; i < requests; i++) {
                long started = System.nanoTime();
                exchange(socket, "keep-alive");
                nanos[i] = System.nanoTime() - started;
            }
        }
        return median(nanos);
    }

    private static long freshConnectionMedianNanos(int port, int requests) throws IOException {
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                exchange(socket, "close");
            }
            nanos[i] = System.nanoTime() - started;
        }
        return median(nanos);
    }

    /** One request in one write; reads the response's headers and exactly its Content-Length of body. */
    private static void exchange(Socket socket, String connection) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + connection + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            assertThat(next).as("the response ended inside its headers: %s", head).isNotNegative();
            head.append((char) next);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        int length = Integer.parseInt(head.toString().lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).trim());
        assertThat(in.readNBytes(length)).isEqualTo(BODY);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
