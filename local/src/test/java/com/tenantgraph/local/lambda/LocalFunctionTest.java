package com.tenantgraph.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void invoke_deserializesLambdaEventWithRuntimeEventSerializer() {
        // GIVEN
        AtomicReference<APIGatewayProxyRequestEvent> received = new AtomicReference<>();
        LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function = LocalFunction.of(
                "graphql", APIGatewayProxyRequestEvent.class, (event, context) -> {
                    received.set(event);
                    return new APIGatewayProxyResponseEvent().withStatusCode(200);
                });

        // WHEN
        function.invoke(bytes("""
                {"httpMethod":"POST","isBase64Encoded":false,"multiValueHeaders":{"Accept":["a","b"]},
                 "requestContext":{"requestId":"r-1","requestTimeEpoch":1700000000000,
                                   "identity":{"sourceIp":"127.0.0.1"},"authorizer":{"principalId":"p-1"}}}"""),
                TIMEOUT);

        // THEN
        APIGatewayProxyRequestEvent event = received.get();
        assertThat(event.getHttpMethod()).isEqualTo("POST");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getMultiValueHeaders()).containsEntry("Accept", List.of("a", "b"));
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("r-1");
        assertThat(event.getRequestContext().getRequestTimeEpoch()).isEqualTo(1_700_000_000_000L);
        assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getAuthorizer()).containsEntry("principalId", "p-1");
    }

    @Test
    void invoke_serializesAnswerAsTheRuntimeDoes() throws Exception {
        // GIVEN an authorizer answer, which the runtime writes with plain Jackson
        LocalFunction<String, IamPolicyResponse> function = LocalFunction.of("authorizer", String.class,
                (token, context) -> IamPolicyResponse.builder()
                        .withPrincipalId("user-1")
                        .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                                .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                                .withStatement(List.of(IamPolicyResponse.allowStatement("arn:x")))
                                .build())
                        .withContext(Map.of("tenantId", "t-1"))
                        .build());

        // WHEN
        InvocationResult result = function.invoke(bytes("\"token\""), TIMEOUT);

        // THEN
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        assertThat(JSON.std.mapFrom(result.payload())).isEqualTo(Map.of(
                "principalId", "user-1",
                "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Action", "execute-api:Invoke", "Effect", "Allow", "Resource", List.of("arn:x")))),
                "context", Map.of("tenantId", "t-1")));
    }

    @Test
    void invoke_answersJsonNull_whenHandlerReturnsNull() {
        // GIVEN
        LocalFunction<String, String> function = LocalFunction.of("fn", String.class, (input, context) -> null);

        // WHEN
        InvocationResult result = function.invoke(bytes("\"x\""), TIMEOUT);

        // THEN
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("null");
    }

    @Test
    void invoke_givesParsingFunctionError_whenEventDoesNotFitInputType() {
        // GIVEN
        LocalFunction<Integer, Integer> function = LocalFunction.of("fn", Integer.class, (input, context) -> input);

        // WHEN
        InvocationResult result = function.invoke(bytes("{\"not\":\"a number\"}"), TIMEOUT);

        // THEN
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("java.lang.RuntimeException");
            assertThat(error.errorMessage()).isEqualTo("An error occurred during JSON parsing");
        });
    }

    @Test
    void invoke_givesResponseSizeError_whenAnswerOverLambdaLimit() throws Exception {
        // GIVEN an answer whose JSON (two quotes added) is one byte over the limit
        String answer = "x".repeat(LocalFunction.MAX_RESPONSE_BYTES - 1);
        LocalFunction<String, String> function = LocalFunction.of("fn", String.class, (input, context) -> answer);

        // WHEN
        InvocationResult result = function.invoke(bytes("\"x\""), TIMEOUT);

        // THEN
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                error -> assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge"));
        assertThat(JSON.std.mapFrom(result.payload()).get("errorMessage"))
                .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    }

    @Test
    void invoke_acceptsAnswerOfExactlyTheLimit() {
        // GIVEN an answer whose JSON is exactly the limit
        String answer = "x".repeat(LocalFunction.MAX_RESPONSE_BYTES - 2);
        LocalFunction<String, String> function = LocalFunction.of("fn", String.class, (input, context) -> answer);

        // WHEN
        InvocationResult result = function.invoke(bytes("\"x\""), TIMEOUT);

        // THEN
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        assertThat(result.payload()).hasSize(LocalFunction.MAX_RESPONSE_BYTES);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
