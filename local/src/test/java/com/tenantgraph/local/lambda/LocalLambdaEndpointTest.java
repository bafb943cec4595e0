package com.tenantgraph.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.emulator.QuietPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalLambdaEndpointTest {
    /** A PreSignUp event as cognito-local 5.3.0 sends it (see its services/lambda.js). */
    private static final String PRE_SIGN_UP_EVENT = """
            {"version":"0","callerContext":{"awsSdkVersion":"2.1693.0","clientId":"client-1"},"region":"local",
             "userPoolId":"local_pool","triggerSource":"PreSignUp_SignUp","userName":"ada",
             "request":{"userAttributes":{"email":"ada@example.com","custom:workspaceName":"Engines"},
                        "validationData":{"k":"v"},"clientMetadata":{"m":"n"}},
             "response":{}}""";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LocalLambdaEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = LocalLambdaEndpoint.start(0);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void invoke_passesCognitoEventWithItsFields_toRegisteredHandler() throws Exception {
        // GIVEN
        AtomicReference<CognitoUserPoolPreSignUpEvent> received = new AtomicReference<>();
        endpoint.register("preSignUp", CognitoUserPoolPreSignUpEvent.class, (event, context) -> {
            received.set(event);
            return event;
        });

        // WHEN
        HttpResponse<String> response = invoke("preSignUp", PRE_SIGN_UP_EVENT);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        CognitoUserPoolPreSignUpEvent event = received.get();
        assertThat(event.getTriggerSource()).isEqualTo("PreSignUp_SignUp");
        assertThat(event.getUserPoolId()).isEqualTo("local_pool");
        assertThat(event.getUserName()).isEqualTo("ada");
        assertThat(event.getCallerContext().getClientId()).isEqualTo("client-1");
        assertThat(event.getRequest().getUserAttributes())
                .containsEntry("email", "ada@example.com")
                .containsEntry("custom:workspaceName", "Engines");
        assertThat(event.getRequest().getValidationData()).containsEntry("k", "v");
        assertThat(event.getRequest().getClientMetadata()).containsEntry("m", "n");
    }

    @Test
    void invoke_returnsHandlerAnswerAsRuntimeJson() throws Exception {
        // GIVEN
        endpoint.register("preSignUp", CognitoUserPoolPreSignUpEvent.class, (event, context) -> {
            event.getResponse().setAutoConfirmUser(true);
            return event;
        });

        // WHEN
        HttpResponse<String> response = invoke("preSignUp", PRE_SIGN_UP_EVENT);

        // THEN
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> answer = JSON.std.mapFrom(response.body());
        assertThat(answer).containsEntry("userName", "ada").containsEntry("triggerSource", "PreSignUp_SignUp");
        assertThat(answer.get("response")).isEqualTo(
                Map.of("autoConfirmUser", true, "autoVerifyEmail", false, "autoVerifyPhone", false));
    }

    @Test
    void invoke_passesContextWithRequestIdFunctionNameAndRemainingTime() throws Exception {
        // GIVEN
        AtomicReference<Context> received = new AtomicReference<>();
        endpoint.register("postConfirmation", CognitoUserPoolPostConfirmationEvent.class, (event, context) -> {
            received.set(context);
            context.getLogger().log("post confirmation for " + event.getUserName() + "\n");
            return event;
        });

        // WHEN
        invoke("postConfirmation", "{\"userName\":\"ada\",\"triggerSource\":\"PostConfirmation_ConfirmSignUp\"}");

        // THEN
        Context context = received.get();
        assertThat(context.getAwsRequestId()).matches("[0-9a-f-]{36}");
        assertThat(context.getFunctionName()).isEqualTo("postConfirmation");
        assertThat(context.getInvokedFunctionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:postConfirmation");
        assertThat(context.getRemainingTimeInMillis()).isPositive();
        assertThat(context.getLogger()).isNotNull();
    }

    @Test
    void invoke_answers200WithFunctionErrorHeaderAndErrorDocument_whenHandlerThrows() throws Exception {
        // GIVEN
        endpoint.register("preSignUp", CognitoUserPoolPreSignUpEvent.class, (event, context) -> {
            throw new IllegalArgumentException("custom:tenantId is set by the server only");
        });

        // WHEN
        HttpResponse<String> response = invoke("preSignUp", PRE_SIGN_UP_EVENT);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        Map<String, Object> error = JSON.std.mapFrom(response.body());
        assertThat(error)
                .containsEntry("errorMessage", "custom:tenantId is set by the server only")
                .containsEntry("errorType", "java.lang.IllegalArgumentException");
        assertThat((List<?>) error.get("stackTrace")).isNotEmpty();
    }

    @Test
    void invoke_answers404ResourceNotFound_whenFunctionUnknown() throws Exception {
        // GIVEN no function registered

        // WHEN
        HttpResponse<String> response = invoke("nope", "{}");

        // THEN
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(JSON.std.mapFrom(response.body())).isEqualTo(Map.of("Type", "User",
                "message", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope"));
    }

    @Test
    void invoke_answers400InvalidRequestContent_whenPayloadIsNotJson() throws Exception {
        // GIVEN
        CountingHandler handler = new CountingHandler();
        endpoint.register("fn", String.class, handler);

        // WHEN
        HttpResponse<String> response = invoke("fn", "{\"a\":1} trailing");

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestContentException");
        assertThat(handler.calls).hasValue(0);
    }

    @Test
    void invoke_answers413_whenPayloadOverLambdaLimit() throws Exception {
        // GIVEN
        CountingHandler handler = new CountingHandler();
        endpoint.register("fn", String.class, handler);
        String payload = "\"" + "x".repeat(LocalLambdaEndpoint.MAX_REQUEST_BYTES) + "\"";

        // WHEN
        HttpResponse<String> response = invoke("fn", payload);

        // THEN
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
        assertThat(handler.calls).hasValue(0);
    }

    @Test
    void everyResponse_carriesRequestIdHeader() throws Exception {
        // GIVEN
        endpoint.register("fn", String.class, (input, context) -> input.toUpperCase());

        // WHEN
        HttpResponse<String> found = invoke("fn", "\"hi\"");
        HttpResponse<String> missing = invoke("other", "\"hi\"");

        // THEN
        assertThat(found.body()).isEqualTo("\"HI\"");
        assertThat(found.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(missing.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void register_refusesSecondFunctionWithSameName() {
        // GIVEN
        endpoint.register("fn", String.class, (input, context) -> input);

        // WHEN / THEN
        assertThatThrownBy(() -> endpoint.register("fn", String.class, (input, context) -> input))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fn");
    }

    @Test
    void start_failsNamingPortAndSetting_whenPortTaken() {
        // GIVEN the endpoint of this test holds its port
        int taken = endpoint.endpoint().getPort();

        // WHEN / THEN
        assertThatThrownBy(() -> LocalLambdaEndpoint.start(taken))
                .isInstanceOf(Ports.PortInUseException.class)
                .hasMessageContaining("port " + taken)
                .hasMessageContaining("Lambda endpoint port setting");
    }

    @Test
    void close_releasesPort() {
        // GIVEN an endpoint on a port no other process's connection can be handed meanwhile
        int port = QuietPorts.freeBelowEphemeralRange();
        endpoint.close();
        endpoint = LocalLambdaEndpoint.start(port);
        assertThat(endpoint.endpoint().getPort()).isEqualTo(port);

        // WHEN
        endpoint.close();

        // THEN
        Ports.requireFree(port, "the test", "nothing");
        assertThat(Ports.accepting(port)).isFalse();
    }

    private HttpResponse<String> invoke(String functionName, String payload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(endpoint.endpoint() + "/2015-03-31/functions/" + functionName + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static final class CountingHandler implements RequestHandler<String, String> {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String handleRequest(String input, Context context) {
            calls.incrementAndGet();
            return input;
        }
    }
}
