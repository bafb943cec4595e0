package com.tenantgraph.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response the gateway sends: an integration's answer, a gateway response or the CORS preflight answer. */
record GatewayHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** API Gateway's refusal of type {@code type}, with the configured body and headers. */
    static GatewayHttpResponse refusal(GatewayResponses.Type type, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(GatewayResponses.CONTENT_TYPE));
        GatewayResponses.HEADERS.forEach((name, value) -> headers.put(name, List.of(value)));
        return new GatewayHttpResponse(type.statusCode(), headers,
                type.body(requestId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The OPTIONS answer of the CORS mock integration (what SAM's {@code Cors} setting generates): no authorizer, no
     * function, just the CORS headers.
     */
    static GatewayHttpResponse corsPreflight() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Access-Control-Allow-Origin", List.of(Cors.ALLOW_ORIGIN));
        headers.put("Access-Control-Allow-Headers", List.of(Cors.ALLOW_HEADERS));
        headers.put("Access-Control-Allow-Methods", List.of(Cors.ALLOW_METHODS));
        return new GatewayHttpResponse(200, headers, new byte[0]);
    }
}
