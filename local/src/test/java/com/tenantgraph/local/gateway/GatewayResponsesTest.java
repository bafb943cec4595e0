package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GatewayResponsesTest {

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void templateYaml_answersEachRefusal_asAGraphqlErrorWithCorsHeaders(Refusal refusal) throws Exception {
        // GIVEN template.yaml's gateway responses
        GatewayResponses responses = GatewayFixture.api(Map.of()).gatewayResponses();

        // WHEN
        GatewayHttpResponse response = responses.refusal(refusal.type, "req-1");

        // THEN
        assertThat(response.status()).isEqualTo(refusal.status);
        assertThat(response.headers()).containsExactly(
                Map.entry("Content-Type", List.of("application/json")),
                Map.entry("Access-Control-Allow-Origin", List.of("*")));
        assertThat(JSON.std.mapFrom(new String(response.body(), StandardCharsets.UTF_8)))
                .isEqualTo(Map.of("errors", List.of(Map.of(
                        "message", refusal.message,
                        "extensions", Map.of("code", refusal.code, "requestId", "req-1")))));
    }

    @Test
    void refusalTable_coversEveryTypeTheGatewayProduces() {
        assertThat(Arrays.stream(Refusal.values()).map(refusal -> refusal.type))
                .containsExactlyInAnyOrder(GatewayResponses.ResponseType.values());
    }

    @Test
    void unconfiguredType_fallsBackToItsDefault_keepingItsOwnStatus() {
        // GIVEN only the two defaults, which set no status
        GatewayResponses responses = responses("""
                DEFAULT_4XX:
                  ResponseTemplates:
                    application/json: '{"error":"4xx"}'
                DEFAULT_5XX:
                  ResponseTemplates:
                    application/json: '{"error":"5xx"}'
                """);

        // THEN each type keeps API Gateway's default status, with its family's body
        assertThat(body(responses.refusal(GatewayResponses.ResponseType.MISSING_AUTHENTICATION_TOKEN, "r")))
                .isEqualTo("{\"error\":\"4xx\"}");
        assertThat(responses.refusal(GatewayResponses.ResponseType.MISSING_AUTHENTICATION_TOKEN, "r").status())
                .isEqualTo(403);
        assertThat(responses.refusal(GatewayResponses.ResponseType.INTEGRATION_TIMEOUT, "r").status()).isEqualTo(504);
        assertThat(body(responses.refusal(GatewayResponses.ResponseType.INTEGRATION_TIMEOUT, "r")))
                .isEqualTo("{\"error\":\"5xx\"}");
        assertThat(responses.refusal(GatewayResponses.ResponseType.AUTHORIZER_FAILURE, "r").status()).isEqualTo(500);
    }

    @Test
    void configuredType_answersWithItsOwnStatusHeadersAndBody() {
        // GIVEN
        GatewayResponses responses = responses("""
                MISSING_AUTHENTICATION_TOKEN:
                  StatusCode: '404'
                  ResponseParameters:
                    Headers:
                      X-Why: "'no route'"
                  ResponseTemplates:
                    text/plain: 'not found: $context.requestId'
                DEFAULT_4XX:
                  StatusCode: '400'
                  ResponseTemplates:
                    application/json: '{}'
                DEFAULT_5XX:
                  ResponseTemplates:
                    application/json: '{}'
                """);

        // WHEN
        GatewayHttpResponse notFound = responses.refusal(GatewayResponses.ResponseType.MISSING_AUTHENTICATION_TOKEN,
                "req-9");

        // THEN
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.headers()).containsExactly(Map.entry("Content-Type", List.of("text/plain")),
                Map.entry("X-Why", List.of("no route")));
        assertThat(body(notFound)).isEqualTo("not found: req-9");
        assertThat(responses.refusal(GatewayResponses.ResponseType.ACCESS_DENIED, "r").status())
                .as("a DEFAULT's StatusCode applies to the types it stands for").isEqualTo(400);
    }

    @Test
    void fromTemplate_refusesResponsesTheGatewayCannotAnswerWith() {
        assertThatThrownBy(() -> responses("""
                DEFAULT_4XX:
                  ResponseTemplates:
                    application/json: '{}'
                """))
                .hasMessageContaining("Resources.Api.Properties.GatewayResponses must configure DEFAULT_5XX");
        assertThatThrownBy(() -> responses("""
                UNAUTHORISED:
                  ResponseTemplates:
                    application/json: '{}'
                """))
                .hasMessageContaining("GatewayResponses.UNAUTHORISED is not a gateway response type of API Gateway");
        assertThatThrownBy(() -> responses(defaults("""
                  ResponseParameters:
                    Headers:
                      X-Caller: method.request.header.X-Caller
                """)))
                .hasMessageContaining("Headers.X-Caller must be a static value in single quotes");
        assertThatThrownBy(() -> responses(defaults("")
                .replace("'{}'", "'{\"message\":$context.error.messageString}'")))
                .hasMessageContaining("uses $context.error.messageString: the local API Gateway substitutes only"
                        + " $context.requestId");
    }

    /** DEFAULT_4XX with these extra lines, and DEFAULT_5XX. */
    private static String defaults(String extra) {
        return """
                DEFAULT_4XX:
                  ResponseTemplates:
                    application/json: '{}'
                """ + extra + """
                DEFAULT_5XX:
                  ResponseTemplates:
                    application/json: '{}'
                """;
    }

    /** The gateway responses of an API whose GatewayResponses property is {@code yaml}. */
    private static GatewayResponses responses(String yaml) {
        return GatewayFixture.inlineApi("GatewayResponses:\n" + yaml.indent(2), "").gatewayResponses();
    }

    private static String body(GatewayHttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
