package com.tenantgraph.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.sun.net.httpserver.HttpExchange;
import com.tenantgraph.local.lambda.HttpExchanges;
import com.tenantgraph.local.lambda.InvocationResult;
import com.tenantgraph.local.lambda.LocalFunction;
import com.tenantgraph.local.lambda.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What API Gateway does in front of TenantGraph, on loopback, for the REST API that template.yaml declares
 * ({@link ApiDefinition}, read at start): its routes, each integrated with a function by Lambda proxy or answered by
 * SAM's CORS mock integration; its TOKEN Lambda authorizer, with the identity header and result cache the template
 * configures, in front of the routes that have it; and its gateway responses. The functions are the real handlers,
 * called in-process with the real event types through {@link LocalFunction}, so they see the JSON API Gateway would
 * send.
 *
 * <p>A request goes: body size (10 MB, else 413) → route (a method of the API, else MISSING_AUTHENTICATION_TOKEN) →
 * for a route behind the authorizer: identity header (none: 401 without calling the authorizer) → cached policy or
 * authorizer call → policy evaluated against the method ARN (403 unless allowed) → proxy event to the route's
 * function, waited for up to its timeout (else 502, as Lambda stops it) or the integration timeout (else 504),
 * whichever is first → its answer as the HTTP response (502 when it failed or is malformed). Every refusal is one of
 * the API's gateway responses; every response carries {@code x-amzn-RequestId}; every request writes one JSON access
 * log line to stdout. docs/local-api-gateway.md lists each behaviour, its test, and what is not reproduced.
 */
public final class LocalApiGateway implements AutoCloseable {
    /** API Gateway's payload limit for a REST API request. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final int HTTP_THREADS = 16;
    private static final int FUNCTION_THREADS = 16;

    private final String stage;
    private final boolean binaryBodies;
    private final Duration integrationTimeout;
    /** Null: each function's own timeout from the template. */
    private final Duration functionTimeout;
    private final GatewayResponses gatewayResponses;
    /** Null when no method of the API has an authorizer. */
    private final TokenAuthorizer authorizer;
    private final FunctionRunner functions;
    private final AccessLog accessLog;
    private final Map<Method, MethodHandler> routes;
    private final LoopbackHttpServer server;
    /** The public port: answers what the JDK HTTP server would refuse with HTML as GraphQL-shaped JSON. */
    private final HttpFront front;

    /**
     * What the template does not say about the local gateway.
     *
     * @param port               127.0.0.1 port to listen on, 0 for a free one
     * @param integrationTimeout how long the gateway waits for a function before it answers 504 (API Gateway: 29 s)
     * @param functionTimeout    null: each function's {@code Timeout} in the template, as Lambda applies it; else
     *                           this one for every function (tests, which cannot wait 28 s)
     */
    public record Config(int port, Duration integrationTimeout, Duration functionTimeout) {
        public Config {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            Objects.requireNonNull(integrationTimeout, "integrationTimeout");
            if (integrationTimeout.isNegative() || integrationTimeout.isZero()) {
                throw new IllegalArgumentException("integrationTimeout must be positive: " + integrationTimeout);
            }
            if (functionTimeout != null && (functionTimeout.isNegative() || functionTimeout.isZero())) {
                throw new IllegalArgumentException("functionTimeout must be positive: " + functionTimeout);
            }
        }

        /** The functions' timeouts as the template declares them. */
        public Config(int port, Duration integrationTimeout) {
            this(port, integrationTimeout, null);
        }

        /** API Gateway's default integration timeout (29 s). */
        public static Config defaults(int port) {
            return new Config(port, Duration.ofSeconds(29));
        }
    }

    /** One method of the API: an HTTP method on a resource. */
    private record Method(String resource, String httpMethod) {
    }

    /** A method's integration: what answers once the authorizer step (if the method has one) let it through. */
    @FunctionalInterface
    private interface IntegrationHandler {
        Answer handle(GatewayRequest request, AuthorizerDecision decision);
    }

    /** A method of the API: its integration behind its authorizer step (none, or the TOKEN authorizer). */
    @FunctionalInterface
    private interface MethodHandler {
        Answer handle(GatewayRequest request);
    }

    /** A response, with what the access log says about it. */
    private record Answer(GatewayHttpResponse response, AuthorizerDecision authorizer, String reason) {
    }

    private LocalApiGateway(Config config, ApiDefinition api, TokenAuthorizer authorizer,
                            Map<String, LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
                                    integrations,
                            FunctionRunner functions, AccessLog accessLog) {
        this.stage = api.stage();
        this.binaryBodies = api.binaryBodies();
        this.integrationTimeout = config.integrationTimeout();
        this.functionTimeout = config.functionTimeout();
        this.gatewayResponses = api.gatewayResponses();
        this.authorizer = authorizer;
        this.functions = functions;
        this.accessLog = accessLog;
        this.routes = api.routes().stream().collect(Collectors.toUnmodifiableMap(
                route -> new Method(route.resource(), route.httpMethod()), route -> route(route, integrations)));
        this.server = LoopbackHttpServer.start("the local API Gateway", 0, "(private port)", HTTP_THREADS,
                this::handle);
        this.front = HttpFront.start("the local API Gateway", config.port(), "LocalApiGateway.Config.port",
                server.port());
    }

    private MethodHandler route(ApiDefinition.Route route,
                        Map<String, LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
                                integrations) {
        IntegrationHandler integration;
        if (route.integration() instanceof ApiDefinition.LambdaProxy proxy) {
            var function = integrations.get(proxy.function());
            Duration timeout = functionTimeout != null ? functionTimeout : proxy.timeout();
            integration = (request, decision) -> integrate(function, timeout, request, route.resource(), decision);
        } else {
            var preflight = GatewayHttpResponse.corsPreflight((ApiDefinition.CorsPreflight) route.integration());
            integration = (request, decision) -> new Answer(preflight, decision, null);
        }
        return route.authorized()
                ? request -> authorize(request, route.resource(), integration)
                : request -> integration.handle(request, AuthorizerDecision.NOT_CALLED);
    }

    /**
     * Starts the gateway for the API {@code api} declares; the access log goes to stdout.
     *
     * @param authorizer   the handler of the API's TOKEN authorizer function
     * @param integrations the handler of each function the API integrates, by its logical id in the template
     */
    public static LocalApiGateway start(Config config, ApiDefinition api,
                                        RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> authorizer,
                                        Map<String, RequestHandler<APIGatewayProxyRequestEvent,
                                                APIGatewayProxyResponseEvent>> integrations) {
        return start(config, api, authorizer, integrations, System.out::println, System::nanoTime);
    }

    /** For tests: the access log goes to {@code accessLog}, and the authorizer cache reads {@code nanoTime}. */
    static LocalApiGateway start(Config config, ApiDefinition api,
                                 RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> authorizer,
                                 Map<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
                                         integrations,
                                 Consumer<String> accessLog, LongSupplier nanoTime) {
        Map<String, LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> functionsById =
                new LinkedHashMap<>();
        for (ApiDefinition.Route route : api.routes()) {
            if (route.integration() instanceof ApiDefinition.LambdaProxy proxy) {
                functionsById.computeIfAbsent(proxy.function(), id -> LocalFunction.of(id,
                        APIGatewayProxyRequestEvent.class, handlerOf(id, integrations)));
            }
        }
        FunctionRunner functions = new FunctionRunner("local-apigw-lambda", FUNCTION_THREADS);
        try {
            TokenAuthorizer tokenAuthorizer = api.authorizer().map(settings -> new TokenAuthorizer(
                    LocalFunction.of(settings.function(), APIGatewayCustomAuthorizerEvent.class, authorizer),
                    settings, functions, new AuthorizerCache(settings.resultTtl(), nanoTime),
                    config.integrationTimeout())).orElse(null);
            return new LocalApiGateway(config, api, tokenAuthorizer, functionsById, functions,
                    new AccessLog(accessLog));
        } catch (RuntimeException e) {
            functions.close();
            throw e;
        }
    }

    private static RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handlerOf(
            String function,
            Map<String, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>> integrations) {
        var handler = integrations.get(function);
        if (handler == null) {
            throw new IllegalArgumentException("the API integrates the function " + function + " of template.yaml,"
                    + " but the local API Gateway was given no handler for it (only for " + integrations.keySet()
                    + ")");
        }
        return handler;
    }

    /** {@code http://127.0.0.1:PORT/RESOURCE} for a resource of the API, such as {@code /graphql}. */
    public URI url(String resource) {
        if (routes.keySet().stream().noneMatch(method -> method.resource().equals(resource))) {
            throw new IllegalArgumentException(resource + " is not a resource of the API; template.yaml declares "
                    + routes.keySet().stream().map(Method::resource).distinct().sorted().toList());
        }
        return URI.create("http://127.0.0.1:" + front.port()).resolve(resource);
    }

    public int port() {
        return front.port();
    }

    /** Stops listening and stops the request and function threads; invocations in progress are interrupted. */
    @Override
    public void close() {
        front.close();
        server.close();
        functions.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long startedNanos = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Answer answer = answer(exchange, requestId);
            GatewayHttpResponse response = answer.response();
            // logged before sending, so that the line exists once the client has its answer
            accessLog.write(new AccessLog.Entry(requestId, exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), response.status(),
                    Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(), answer.authorizer(),
                    answer.reason()));
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            HttpExchanges.send(exchange, response.status(), response.headers(), response.body());
        }
    }

    private Answer answer(HttpExchange exchange, String requestId) {
        try {
            return route(exchange, requestId);
        } catch (IOException | RuntimeException e) {
            return refused(GatewayResponses.ResponseType.API_CONFIGURATION_ERROR, requestId,
                    AuthorizerDecision.NOT_CALLED, "the local gateway failed: " + e);
        }
    }

    private Answer route(HttpExchange exchange, String requestId) throws IOException {
        Optional<byte[]> body = HttpExchanges.readBody(exchange, MAX_REQUEST_BYTES);
        if (body.isEmpty()) {
            return refused(GatewayResponses.ResponseType.REQUEST_TOO_LARGE, requestId, AuthorizerDecision.NOT_CALLED,
                    "the request body is over " + MAX_REQUEST_BYTES + " bytes");
        }
        GatewayRequest request = GatewayRequest.of(exchange, requestId, body.get(), Instant.now());
        // the resources have no path parameters: a request's path is its resource
        MethodHandler route = routes.get(new Method(request.path(), request.method()));
        if (route == null) {
            return refused(GatewayResponses.ResponseType.MISSING_AUTHENTICATION_TOKEN, requestId,
                    AuthorizerDecision.NOT_CALLED, "no method " + request.method() + " on " + request.path());
        }
        return route.handle(request);
    }

    private Answer authorize(GatewayRequest request, String resource, IntegrationHandler integration) {
        String methodArn = LocalApi.methodArn(stage, request.method(), resource);
        AuthorizerDecision decision = authorizer.authorize(request, methodArn);
        if (!decision.allowed()) {
            return refused(decision.outcome().refusal(), request.requestId(), decision, decision.reason());
        }
        return integration.handle(request, decision);
    }

    /**
     * Calls the function; the authorizer's context goes into the event when the route has an authorizer. The call
     * ends at the function's timeout or the integration timeout, whichever comes first, and the function is
     * abandoned: at its own timeout Lambda stops it and reports a function error, which API Gateway answers with
     * INTEGRATION_FAILURE (502); at the integration timeout API Gateway stops waiting (INTEGRATION_TIMEOUT, 504).
     */
    private Answer integrate(LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
                             Duration timeout, GatewayRequest request, String resource, AuthorizerDecision decision) {
        Map<String, String> authorizerContext = decision.allowed() ? decision.requestContextAuthorizer() : null;
        Map<String, List<String>> query = QueryStrings.parse(request.rawQuery());
        byte[] event = ProxyEvents.event(request, resource, query, stage, authorizerContext, binaryBodies);
        boolean functionStopsFirst = timeout.compareTo(integrationTimeout) < 0;
        Optional<InvocationResult> result = functions.invoke(function, event, timeout,
                functionStopsFirst ? timeout : integrationTimeout);
        if (result.isEmpty() && functionStopsFirst) {
            return refused(GatewayResponses.ResponseType.INTEGRATION_FAILURE, request.requestId(), decision,
                    "the function timed out after " + timeout.toMillis() + " ms (its Timeout) and was stopped");
        }
        if (result.isEmpty()) {
            return refused(GatewayResponses.ResponseType.INTEGRATION_TIMEOUT, request.requestId(), decision,
                    "the function did not answer within " + integrationTimeout.toMillis() + " ms");
        }
        if (result.get() instanceof InvocationResult.FunctionError error) {
            return refused(GatewayResponses.ResponseType.INTEGRATION_FAILURE, request.requestId(), decision,
                    "the function failed with " + error.errorType());
        }
        try {
            return new Answer(ProxyResponses.read(result.get().payload()), decision, null);
        } catch (MalformedAnswerException e) {
            return refused(GatewayResponses.ResponseType.INTEGRATION_FAILURE, request.requestId(), decision,
                    "malformed proxy answer: " + e.getMessage());
        }
    }

    private Answer refused(GatewayResponses.ResponseType type, String requestId, AuthorizerDecision authorizer,
                           String reason) {
        return new Answer(gatewayResponses.refusal(type, requestId), authorizer, reason);
    }
}
