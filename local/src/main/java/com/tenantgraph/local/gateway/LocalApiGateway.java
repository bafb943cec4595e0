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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * What API Gateway does in front of TenantGraph, on loopback: a REST API with two resources. {@code /graphql}: GET
 * and POST go through a TOKEN Lambda authorizer (with its result cache) to the GraphQL Lambda by proxy integration.
 * {@code /graphiql}: GET goes to the same function without an authorizer (the public GraphiQL page). OPTIONS on
 * either is answered by a CORS mock integration. Both functions are the real handlers, called in-process with the
 * real event types through {@link LocalFunction}, so they see the JSON API Gateway would send.
 *
 * <p>A request goes: body size (10 MB, else 413) → route (a method of {@link #ROUTES}, else
 * MISSING_AUTHENTICATION_TOKEN) → for a method behind the authorizer: Authorization header (none: 401 without calling
 * the authorizer) → cached policy or authorizer call → policy evaluated against the method ARN (403 unless allowed)
 * → proxy event to the GraphQL function, waited for up to the integration timeout (else 504) → its answer as the
 * HTTP response (502 when it failed or is malformed). Every refusal is one of {@link GatewayResponses}; every response
 * carries {@code x-amzn-RequestId}; every request writes one JSON access log line to stdout.
 * docs/local-api-gateway.md lists each behaviour, its test, and what is not reproduced.
 */
public final class LocalApiGateway implements AutoCloseable {
    /** API Gateway's payload limit for a REST API request. */
    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final int HTTP_THREADS = 16;
    private static final int FUNCTION_THREADS = 16;

    private final Config config;
    private final TokenAuthorizer authorizer;
    private final LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> graphql;
    private final FunctionRunner functions;
    private final AccessLog accessLog;
    private final Map<Method, Route> routes;
    private final LoopbackHttpServer server;

    /**
     * @param port               127.0.0.1 port to listen on, 0 for a free one
     * @param stage              the stage name, part of the method ARN and of {@code requestContext}
     * @param authorizerCacheTtl how long an authorizer policy is reused for the same token (0 disables the cache;
     *                           API Gateway accepts 0 to 3600 s)
     * @param integrationTimeout how long the gateway waits for a function before it answers 504 (API Gateway: 29 s)
     */
    public record Config(int port, String stage, Duration authorizerCacheTtl, Duration integrationTimeout) {
        public Config {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            if (stage == null || !stage.matches("[A-Za-z0-9_-]{1,128}")) {
                throw new IllegalArgumentException("a stage name is 1-128 letters, digits, '-' or '_': " + stage);
            }
            Objects.requireNonNull(authorizerCacheTtl, "authorizerCacheTtl");
            if (authorizerCacheTtl.isNegative() || authorizerCacheTtl.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("authorizerCacheTtl must be 0-3600 s: " + authorizerCacheTtl);
            }
            Objects.requireNonNull(integrationTimeout, "integrationTimeout");
            if (integrationTimeout.isNegative() || integrationTimeout.isZero()) {
                throw new IllegalArgumentException("integrationTimeout must be positive: " + integrationTimeout);
            }
        }

        /** Stage {@code local}, API Gateway's default cache TTL (300 s) and integration timeout (29 s). */
        public static Config defaults(int port) {
            return new Config(port, "local", Duration.ofSeconds(300), Duration.ofSeconds(29));
        }
    }

    /** One method of the API: an HTTP method on a resource. */
    private record Method(String resource, String httpMethod) {
    }

    /** How a method is integrated, as template.yaml declares it. */
    private enum Integration { LAMBDA_WITH_AUTHORIZER, LAMBDA_WITHOUT_AUTHORIZER, CORS_PREFLIGHT }

    /** Every method of the API; anything else is MISSING_AUTHENTICATION_TOKEN. */
    private static final Map<Method, Integration> ROUTES = Map.of(
            new Method(LocalApi.GRAPHQL, "GET"), Integration.LAMBDA_WITH_AUTHORIZER,
            new Method(LocalApi.GRAPHQL, "POST"), Integration.LAMBDA_WITH_AUTHORIZER,
            new Method(LocalApi.GRAPHQL, "OPTIONS"), Integration.CORS_PREFLIGHT,
            new Method(LocalApi.GRAPHIQL, "GET"), Integration.LAMBDA_WITHOUT_AUTHORIZER,
            new Method(LocalApi.GRAPHIQL, "OPTIONS"), Integration.CORS_PREFLIGHT);

    /**
     * A method of the API integrated with the GraphQL function, and whether it goes through the authorizer. Public so
     * that a test of template.yaml can check that the deployed API declares the same methods.
     */
    public record FunctionMethod(String httpMethod, String resource, boolean authorizer) {
    }

    /** The methods proxied to the GraphQL function: {@code /graphql} GET and POST, {@code /graphiql} GET. */
    public static Set<FunctionMethod> functionMethods() {
        return ROUTES.entrySet().stream()
                .filter(route -> route.getValue() != Integration.CORS_PREFLIGHT)
                .map(route -> new FunctionMethod(route.getKey().httpMethod(), route.getKey().resource(),
                        route.getValue() == Integration.LAMBDA_WITH_AUTHORIZER))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A handler for one method of the API. */
    @FunctionalInterface
    private interface Route {
        Answer handle(GatewayRequest request, String resource);
    }

    /** A response, with what the access log says about it. */
    private record Answer(GatewayHttpResponse response, AuthorizerDecision authorizer, String reason) {
        static Answer refused(GatewayResponses.Type type, String requestId, AuthorizerDecision authorizer,
                              String reason) {
            return new Answer(GatewayHttpResponse.refusal(type, requestId), authorizer, reason);
        }
    }

    private LocalApiGateway(Config config, TokenAuthorizer authorizer,
                            LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> graphql,
                            FunctionRunner functions, AccessLog accessLog) {
        this.config = config;
        this.authorizer = authorizer;
        this.graphql = graphql;
        this.functions = functions;
        this.accessLog = accessLog;
        this.routes = ROUTES.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, route -> route(route.getValue())));
        this.server = LoopbackHttpServer.start("the local API Gateway", config.port(),
                "LocalApiGateway.Config.port", HTTP_THREADS, this::handle);
    }

    private Route route(Integration integration) {
        return switch (integration) {
            case LAMBDA_WITH_AUTHORIZER -> this::proxy;
            case LAMBDA_WITHOUT_AUTHORIZER -> (request, resource) -> integrate(request, resource,
                    AuthorizerDecision.NOT_CALLED, null);
            case CORS_PREFLIGHT -> (request, resource) -> new Answer(GatewayHttpResponse.corsPreflight(),
                    AuthorizerDecision.NOT_CALLED, null);
        };
    }

    /** Starts the gateway in front of {@code authorizer} and {@code graphql}; the access log goes to stdout. */
    public static LocalApiGateway start(Config config,
                                        RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> authorizer,
                                        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>
                                                graphql) {
        return start(config, authorizer, graphql, System.out::println, System::nanoTime);
    }

    /** For tests: the access log goes to {@code accessLog}, and the authorizer cache reads {@code nanoTime}. */
    static LocalApiGateway start(Config config,
                                 RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> authorizer,
                                 RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> graphql,
                                 Consumer<String> accessLog, LongSupplier nanoTime) {
        FunctionRunner functions = new FunctionRunner("local-apigw-lambda", FUNCTION_THREADS);
        try {
            TokenAuthorizer tokenAuthorizer = new TokenAuthorizer(
                    LocalFunction.of("authorizer", APIGatewayCustomAuthorizerEvent.class, authorizer), functions,
                    new AuthorizerCache(config.authorizerCacheTtl(), nanoTime), config.integrationTimeout());
            return new LocalApiGateway(config, tokenAuthorizer,
                    LocalFunction.of("graphql", APIGatewayProxyRequestEvent.class, graphql), functions,
                    new AccessLog(accessLog));
        } catch (RuntimeException e) {
            functions.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT/graphql} */
    public URI graphqlUrl() {
        return server.uri().resolve(LocalApi.GRAPHQL);
    }

    /** {@code http://127.0.0.1:PORT/graphiql}, the GraphiQL page */
    public URI graphiqlUrl() {
        return server.uri().resolve(LocalApi.GRAPHIQL);
    }

    public int port() {
        return server.port();
    }

    /** Stops listening and stops the request and function threads; invocations in progress are interrupted. */
    @Override
    public void close() {
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
            return Answer.refused(GatewayResponses.Type.DEFAULT_5XX, requestId, AuthorizerDecision.NOT_CALLED,
                    "the local gateway failed: " + e);
        }
    }

    private Answer route(HttpExchange exchange, String requestId) throws IOException {
        Optional<byte[]> body = HttpExchanges.readBody(exchange, MAX_REQUEST_BYTES);
        if (body.isEmpty()) {
            return Answer.refused(GatewayResponses.Type.REQUEST_TOO_LARGE, requestId, AuthorizerDecision.NOT_CALLED,
                    "the request body is over " + MAX_REQUEST_BYTES + " bytes");
        }
        GatewayRequest request = GatewayRequest.of(exchange, requestId, body.get(), Instant.now());
        // the resources have no path parameters: a request's path is its resource
        Route route = routes.get(new Method(request.path(), request.method()));
        if (route == null) {
            return Answer.refused(GatewayResponses.Type.MISSING_AUTHENTICATION_TOKEN, requestId,
                    AuthorizerDecision.NOT_CALLED, "no method " + request.method() + " on " + request.path());
        }
        return route.handle(request, request.path());
    }

    private Answer proxy(GatewayRequest request, String resource) {
        String methodArn = LocalApi.methodArn(config.stage(), request.method(), resource);
        AuthorizerDecision decision = authorizer.authorize(request.lastHeader("Authorization"), methodArn);
        if (!decision.allowed()) {
            return Answer.refused(decision.outcome().refusal(), request.requestId(), decision, decision.reason());
        }
        return integrate(request, resource, decision, decision.requestContextAuthorizer());
    }

    /** @param authorizerContext {@code requestContext.authorizer}, null for a method without an authorizer */
    private Answer integrate(GatewayRequest request, String resource, AuthorizerDecision decision,
                             Map<String, String> authorizerContext) {
        Map<String, List<String>> query = QueryStrings.parse(request.rawQuery());
        byte[] event = ProxyEvents.event(request, resource, query, config.stage(), authorizerContext);
        Optional<InvocationResult> result = functions.invoke(graphql, event, config.integrationTimeout());
        if (result.isEmpty()) {
            return Answer.refused(GatewayResponses.Type.INTEGRATION_TIMEOUT, request.requestId(), decision,
                    "the function did not answer within " + config.integrationTimeout().toMillis() + " ms");
        }
        if (result.get() instanceof InvocationResult.FunctionError error) {
            return Answer.refused(GatewayResponses.Type.INTEGRATION_FAILURE, request.requestId(), decision,
                    "the function failed with " + error.errorType());
        }
        try {
            return new Answer(ProxyResponses.read(result.get().payload()), decision, null);
        } catch (MalformedAnswerException e) {
            return Answer.refused(GatewayResponses.Type.INTEGRATION_FAILURE, request.requestId(), decision,
                    "malformed proxy answer: " + e.getMessage());
        }
    }
}
