package com.tenantgraph.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading a bounded request body and writing a whole response, for the local HTTP components. */
public final class HttpExchanges {
    private HttpExchanges() {
    }

    /**
     * The request body, or empty when it is longer than {@code limit} bytes. An oversized body is still read to its
     * end (and discarded), so the client gets the refusal instead of a connection reset while it is still sending;
     * these servers only listen on loopback.
     */
    public static Optional<byte[]> readBody(HttpExchange exchange, int limit) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length <= limit) {
                return Optional.of(bytes);
            }
            body.transferTo(OutputStream.nullOutputStream());
            return Optional.empty();
        }
    }

    /**
     * Sends the status, the headers (added to any already set) and the whole body, then ends the exchange. The answer
     * to a HEAD request has no body.
     */
    public static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach((name, values) -> values.forEach(value -> exchange.getResponseHeaders().add(name, value)));
        byte[] sent = "HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : body;
        exchange.sendResponseHeaders(status, sent.length == 0 ? -1 : sent.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(sent);
        }
    }
}
