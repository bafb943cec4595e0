package com.tenantgraph.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API on loopback, for the functions cognito-local calls as user pool triggers
 * ({@code "LambdaClient": {"endpoint": …}} in its config): {@code POST /2015-03-31/functions/NAME/invocations} with a
 * JSON event runs the function registered under NAME, synchronously, through {@link LocalFunction} (so the event is
 * deserialized and the answer serialized exactly as the Lambda Java runtime does).
 *
 * <p>Answers as Lambda does: 200 with the function's JSON; a function error is still 200, with
 * {@code X-Amz-Function-Error: Unhandled} and the runtime's error document (which cognito-local turns into
 * UserLambdaValidationException); API errors carry {@code x-amzn-ErrorType} and {@code {"Type", "message"}}.
 */
public final class LocalLambdaEndpoint implements AutoCloseable {
    /** Lambda's limit on a synchronous invocation's request payload. */
    static final int MAX_REQUEST_BYTES = 6_291_456;
    /**
     * The time a function's context reports as its budget. Cognito waits about 5 s for a trigger; the local endpoint
     * reports that budget but does not cut a slower trigger off.
     */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final int THREADS = 8;

    private final Map<String, LocalFunction<?, ?>> functions = new ConcurrentHashMap<>();
    private final LoopbackHttpServer server;

    private LocalLambdaEndpoint(int port) {
        this.server = LoopbackHttpServer.start("the local Lambda Invoke endpoint", port,
                "the Lambda endpoint port setting", THREADS, this::handle);
    }

    /** Starts listening on 127.0.0.1:{@code port} (0 picks a free port). */
    public static LocalLambdaEndpoint start(int port) {
        return new LocalLambdaEndpoint(port);
    }

    /** Makes {@code handler} invocable as {@code functionName}, its events deserialized into {@code inputType}. */
    public <I, O> void register(String functionName, Class<I> inputType, RequestHandler<I, O> handler) {
        LocalFunction<I, O> function = LocalFunction.of(functionName, inputType, handler);
        if (functions.putIfAbsent(functionName, function) != null) {
            throw new IllegalStateException("a function named " + functionName + " is already registered");
        }
    }

    /** {@code http://127.0.0.1:PORT}, the endpoint to give a Lambda client (cognito-local's LambdaClient.endpoint). */
    public URI endpoint() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        try (exchange) {
            answer(exchange);
        } catch (RuntimeException e) {
            apiError(exchange, 500, "ServiceException", "The local Lambda endpoint failed: " + e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !"POST".equals(exchange.getRequestMethod())) {
            apiError(exchange, 404, "UnknownOperationException", "Unknown operation "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            return;
        }
        String functionName = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        LocalFunction<?, ?> function = functions.get(functionName);
        if (function == null) {
            apiError(exchange, 404, "ResourceNotFoundException",
                    "Function not found: " + LocalContext.functionArn(functionName));
            return;
        }
        String invocationType = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
        if (invocationType != null && !"RequestResponse".equals(invocationType)) {
            apiError(exchange, 400, "InvalidParameterValueException",
                    "The local endpoint runs RequestResponse invocations only, not " + invocationType);
            return;
        }
        Optional<byte[]> payload = HttpExchanges.readBody(exchange, MAX_REQUEST_BYTES);
        if (payload.isEmpty()) {
            apiError(exchange, 413, "RequestEntityTooLargeException",
                    "Request must be smaller than " + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation");
            return;
        }
        if (!isJson(payload.get())) {
            apiError(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json");
            return;
        }
        invoke(exchange, function, payload.get());
    }

    private static void invoke(HttpExchange exchange, LocalFunction<?, ?> function, byte[] payload)
            throws IOException {
        InvocationResult result = function.invoke(payload, FUNCTION_TIMEOUT);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Amz-Executed-Version", List.of("$LATEST"));
        if (result instanceof InvocationResult.FunctionError) {
            headers.put("X-Amz-Function-Error", List.of("Unhandled"));
        }
        HttpExchanges.send(exchange, 200, headers, result.payload());
    }

    /** One JSON value and nothing after it, as Lambda's Invoke API requires of a payload. */
    private static boolean isJson(byte[] payload) {
        try (JsonParser parser = JSON.std.getStreamingFactory().createParser(payload)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void apiError(HttpExchange exchange, int status, String errorType, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", status >= 500 ? "Service" : "User");
        body.put("message", message);
        HttpExchanges.send(exchange, status, Map.of(
                "Content-Type", List.of("application/json"),
                "x-amzn-ErrorType", List.of(errorType)), JSON.std.asBytes(body));
    }
}
