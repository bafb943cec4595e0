package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GatewayResponsesTest {

    @Test
    void types_areTheConfiguredGatewayResponses() {
        assertThat(GatewayResponses.Type.values())
                .extracting(Enum::name, GatewayResponses.Type::statusCode, GatewayResponses.Type::setsStatusCode,
                        GatewayResponses.Type::code, GatewayResponses.Type::message)
                .containsExactly(
                        tuple("UNAUTHORIZED", 401, true, "UNAUTHENTICATED", "Unauthorized"),
                        tuple("ACCESS_DENIED", 403, true, "FORBIDDEN", "Forbidden"),
                        tuple("MISSING_AUTHENTICATION_TOKEN", 404, true, "NOT_FOUND", "Not found"),
                        tuple("THROTTLED", 429, true, "RATE_LIMITED", "Too many requests"),
                        tuple("REQUEST_TOO_LARGE", 413, true, "BAD_USER_INPUT", "Request too large"),
                        tuple("AUTHORIZER_CONFIGURATION_ERROR", 500, true, "INTERNAL", "Internal server error"),
                        tuple("AUTHORIZER_FAILURE", 500, true, "INTERNAL", "Internal server error"),
                        tuple("INTEGRATION_FAILURE", 502, true, "UNAVAILABLE", "Bad gateway"),
                        tuple("INTEGRATION_TIMEOUT", 504, true, "UNAVAILABLE", "Gateway timeout"),
                        tuple("DEFAULT_4XX", 400, false, "BAD_USER_INPUT", "Bad request"),
                        tuple("DEFAULT_5XX", 500, false, "INTERNAL", "Internal server error"));
    }

    @ParameterizedTest
    @EnumSource(GatewayResponses.Type.class)
    void body_isGraphqlErrorWithCodeAndRequestId(GatewayResponses.Type type) throws Exception {
        // WHEN
        String body = type.body("req-1");

        // THEN
        assertThat(JSON.std.mapFrom(body)).isEqualTo(Map.of("errors", List.of(Map.of(
                "message", type.message(),
                "extensions", Map.of("code", type.code(), "requestId", "req-1")))));
    }

    @ParameterizedTest
    @EnumSource(GatewayResponses.Type.class)
    void bodyTemplate_carriesRequestIdMappingVariable(GatewayResponses.Type type) {
        assertThat(type.bodyTemplate()).contains("\"requestId\":\"$context.requestId\"")
                .isEqualTo(type.body(GatewayResponses.REQUEST_ID_VARIABLE));
    }

    @Test
    void headers_areCorsHeaders() {
        assertThat(GatewayResponses.HEADERS).containsExactly(
                Map.entry("Access-Control-Allow-Origin", "*"),
                Map.entry("Access-Control-Allow-Headers", "Authorization,Content-Type"));
        assertThat(GatewayResponses.CONTENT_TYPE).isEqualTo("application/json");
    }
}
