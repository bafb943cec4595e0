package com.tenantgraph.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.tenantgraph.pipeline.CallerResolver;
import com.tenantgraph.pipeline.Headers;
import com.tenantgraph.pipeline.HttpCall;
import com.tenantgraph.pipeline.HttpResult;
import com.tenantgraph.pipeline.RequestProcessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where every API request enters: API Gateway's Lambda proxy event in, HTTP response out. The tenant comes only from
 * {@code requestContext.authorizer} (set by the TOKEN authorizer from the verified token), parsed here, at the edge,
 * into a typed caller ({@link CallerResolver#identify}). The work happens in {@link RequestProcessor}; this class
 * adapts the Lambda types. One route is not GraphQL: {@code GET /graphiql}, the public GraphiQL page
 * ({@link GraphiQlPage}), chosen by the event's API resource (its {@code path} would carry a custom domain's base
 * path).
 */
public final class GraphQlHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final CallerResolver callers;
    private final RequestProcessor processor;
    private final SnapStartPriming priming;
    private final GraphiQlPage graphiQl;
    private final String allowedOrigin;

    /**
     * For the Lambda runtime: configuration from the environment, clients built once per container. Init then warms
     * the request path twice over, side by side: one in-memory request through GraphQL (classes loaded, code run)
     * and one DynamoDB call (the SDK's first-call costs), so the first real request pays neither. SnapStart priming
     * is registered for the snapshot.
     */
    public GraphQlHandler() {
        Application application = Application.fromEnvironment(System.getenv());
        this.callers = application.callers();
        this.processor = application.processor();
        BrowserConfig browsers = BrowserConfig.fromEnvironment(System.getenv());
        this.graphiQl = new GraphiQlPage(browsers);
        this.allowedOrigin = browsers.allowedOrigin();
        this.priming = SnapStartPriming.register(application, graphiQl);
        CompletableFuture<Integer> graphQlWarmUp = CompletableFuture.supplyAsync(() -> priming.prime(1),
                task -> new Thread(task, "tg-init-warm-up").start());
        application.warmUpDynamoDb();
        graphQlWarmUp.join();
    }

    /** For tests: any origin, the GraphiQL page without sign-in (pasted tokens only). */
    public GraphQlHandler(Application application) {
        this(application, BrowserConfig.pastedTokensOnly());
    }

    /** For the local stack and tests: CORS and the GraphiQL page's sign-in as {@code browsers} says. */
    public GraphQlHandler(Application application, BrowserConfig browsers) {
        this.callers = application.callers();
        this.processor = application.processor();
        this.graphiQl = new GraphiQlPage(browsers);
        this.allowedOrigin = browsers.allowedOrigin();
        this.priming = null;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        APIGatewayProxyRequestEvent.ProxyRequestContext requestContext = event.getRequestContext();
        String requestId = requestId(requestContext, context);
        if (GraphiQlPage.answers(event.getHttpMethod(), event.getResource())) {
            return response(graphiQl.serve(requestId, new Headers(event.getHeaders())));
        }
        Map<String, Object> authorizer = requestContext == null ? null : requestContext.getAuthorizer();
        HttpResult result = processor.process(new HttpCall(requestId, event.getHttpMethod(),
                new Headers(event.getHeaders()), event.getQueryStringParameters(), event.getBody(),
                Boolean.TRUE.equals(event.getIsBase64Encoded()), callers.identify(authorizer)));
        return response(result);
    }

    /** The Lambda proxy answer; every one names the origin browsers may read it from. */
    private APIGatewayProxyResponseEvent response(HttpResult result) {
        Map<String, String> headers = new LinkedHashMap<>(result.headers());
        headers.put("Access-Control-Allow-Origin", allowedOrigin);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(result.status())
                .withHeaders(headers)
                .withBody(result.body())
                .withIsBase64Encoded(result.base64Encoded());
    }

    private static String requestId(APIGatewayProxyRequestEvent.ProxyRequestContext requestContext, Context context) {
        if (requestContext != null && requestContext.getRequestId() != null) {
            return requestContext.getRequestId();
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }
}
