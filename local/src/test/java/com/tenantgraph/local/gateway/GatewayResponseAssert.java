package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Asserts that a response is API Gateway's configured gateway response of one type, for this request. */
final class GatewayResponseAssert {
    private GatewayResponseAssert() {
    }

    static void assertGatewayResponse(HttpResponse<String> response, Refusal refusal) throws IOException {
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.statusCode()).isEqualTo(refusal.status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        // Access-Control-Allow-Headers means something only on a preflight, which these are not
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).isEmpty();
        assertThat(JSON.std.mapFrom(response.body())).isEqualTo(Map.of("errors", List.of(Map.of(
                "message", refusal.message,
                "extensions", Map.of("code", refusal.code, "requestId", requestId)))));
    }
}
