package com.tenantgraph.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP response the gateway sends: an integration's answer, a gateway response or the CORS preflight answer. */
record GatewayHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * The OPTIONS answer of the CORS mock integration that SAM's {@code Cors} setting generates: no function, just
     * the CORS headers it configures.
     */
    static GatewayHttpResponse corsPreflight(ApiDefinition.CorsPreflight preflight) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        preflight.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return new GatewayHttpResponse(200, headers, new byte[0]);
    }
}
