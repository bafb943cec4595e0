package com.tenantgraph.local.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the gateway received it. Header names are as the JDK server normalizes them (first letter upper
 * case, the rest lower case) and are looked up case-insensitively.
 */
record GatewayRequest(String requestId, String method, String path, Map<String, List<String>> headers,
                      String rawQuery, byte[] body, Instant receivedAt, String sourceIp, String protocol) {

    static GatewayRequest of(HttpExchange exchange, String requestId, byte[] body, Instant receivedAt) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return new GatewayRequest(requestId, exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers, exchange.getRequestURI().getRawQuery(), body, receivedAt,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    /** The header's last value (what a REST API's single-value {@code headers} holds), or null. */
    String lastHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
