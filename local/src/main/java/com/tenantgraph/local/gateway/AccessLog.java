package com.tenantgraph.local.gateway;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON line per request, like an API Gateway access log: request id, method, path (without the query string),
 * status, latency (until the response is ready; the line is written just before it is sent), the authorizer's
 * outcome and whether it came from the cache, and for a refusal the reason. Never the token, the headers or the body.
 */
final class AccessLog {
    private final Consumer<String> sink;

    AccessLog(Consumer<String> sink) {
        this.sink = sink;
    }

    record Entry(String requestId, String method, String path, int status, long latencyMillis,
                 AuthorizerDecision authorizer, String reason) {
    }

    void write(Entry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("type", "access");
        line.put("requestId", entry.requestId());
        line.put("method", entry.method());
        line.put("path", entry.path());
        line.put("status", entry.status());
        line.put("latencyMs", entry.latencyMillis());
        line.put("authorizer", entry.authorizer().outcome().logName());
        line.put("authorizerCached", entry.authorizer().cached());
        line.put("reason", entry.reason());
        try {
            sink.accept(JSON.std.asString(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an access log line", e);
        }
    }
}
