package com.tenantgraph.pipeline;


import com.tenantgraph.json.Json;
import com.tenantgraph.data.ItemReader;
import com.tenantgraph.data.SdkCallCounter;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.tenancy.Caller;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request, start to end: negotiate the response type, parse the HTTP request, take the caller the edge parsed,
 * start the membership check, execute the GraphQL operation with a fresh DataLoader registry, and refuse the result
 * if the membership check fails. Writes one JSON log line per request. Built by the composition root with the one
 * {@link GraphQL} object ({@link Execution#graphQl}) and the item reader the request's loader uses.
 */
public final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.request");

    private final GraphQL graphQl;
    private final ItemReader reader;
    private final HttpRequestParser parser;
    private final Clock clock;
    /** Where the request's embedded-metric-format line goes: stdout in Lambda, nowhere for SnapStart priming. */
    private final PrintStream metrics;
    /** The same for every request: whether introspection is refused, and the parser's token limit. */
    private final Map<Object, Object> executionSettings;

    /**
     * {@code reader} serves the request's item loader and {@code metrics} receives the metrics lines (SnapStart
     * priming passes a reader over in-memory items and a stream to nowhere: its requests are not data points).
     */
    public RequestProcessor(GraphQL graphQl, QueryLimits limits, boolean introspectionEnabled, ItemReader reader,
                            Clock clock, PrintStream metrics) {
        this.graphQl = graphQl;
        this.reader = reader;
        this.clock = clock;
        this.metrics = metrics;
        this.parser = new HttpRequestParser(limits);
        this.executionSettings = Execution.settings(limits, introspectionEnabled);
    }

    public HttpResult process(HttpCall call) {
        long started = System.nanoTime();
        long callsBefore = SdkCallCounter.dynamoDbCalls();
        RequestLogFields log = new RequestLogFields(call.requestId());
        HttpResult result = respond(call, log);
        log.status = result.status();
        log.dynamoDbCalls = SdkCallCounter.dynamoDbCalls() - callsBefore;
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        log.write(LOG, durationMs);
        log.writeMetrics(metrics, clock.millis(), durationMs);
        return result;
    }

    private HttpResult respond(HttpCall call, RequestLogFields log) {
        ResponseFormat format = ResponseFormat.negotiate(call.headers().get("accept"));
        if (format == null) {
            return errorResult(406, ResponseFormat.JSON, log, new ApiException(ErrorCode.BAD_USER_INPUT,
                    "Accept must allow application/graphql-response+json or application/json"), Map.of());
        }
        try {
            GraphQlRequest request = parser.parse(call.method(), call.headers(), call.queryParameters(), call.body(),
                    call.base64Body());
            log.operation = request.operationName();
            Caller caller = call.identity().caller();
            log.tenantId = caller.tenant().value();
            log.userId = caller.user().value();
            return execute(call.requestId(), request, caller, format, log);
        } catch (HttpProblem problem) {
            return errorResult(problem.status(), format, log, new ApiException(problem.code(), problem.getMessage()),
                    problem.headers());
        } catch (ApiException refused) {
            return errorResult(refused.code().httpStatus(), format, log, refused, Map.of());
        } catch (RuntimeException unexpected) {
            ApiException masked = ErrorMapper.toApiException(unexpected);
            return errorResult(masked.code().httpStatus(), format, log, masked, Map.of());
        }
    }

    private HttpResult execute(String requestId, GraphQlRequest request, Caller caller, ResponseFormat format,
                               RequestLogFields log) {
        log.operationType = Operations.type(graphQl, request.query(), request.operationName());
        if (request.viaGet() && log.operationType.equals("mutation")) {
            throw new HttpProblem(405, ErrorCode.BAD_USER_INPUT, "Mutations must be sent with POST",
                    Map.of("Allow", "POST"));
        }
        if (log.operationType.equals("subscription")) {
            throw ApiException.badInput("query",
                    "Subscriptions are served over the WebSocket API (graphql-transport-ws), not over HTTP");
        }
        RequestDeadline deadline = RequestDeadline.startingNow(clock);
        RequestContext context = RequestContext.create(requestId, caller, deadline.bounding(reader));
        Map<Object, Object> graphQlContext = new HashMap<>(executionSettings);
        graphQlContext.put(RequestContext.class, context);
        graphQlContext.put(RequestDeadline.class, deadline);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .graphQLContext(graphQlContext)
                .dataLoaderRegistry(context.loaders())
                .build();
        ExecutionResult result = graphQl.executeAsync(input).join();
        context.loaders().dispatchAll(); // a request that read nothing (or did not validate) still checks membership
        awaitMembership(context.membership());
        List<GraphQLError> errors = ErrorMapper.withCodes(result.getErrors()).stream()
                .map(error -> ErrorMapper.withRequestId(error, requestId)).toList();
        log.outcome = errors.isEmpty() ? "OK" : String.valueOf(errors.get(0).getExtensions().get("code"));
        log.errorCount = errors.size();
        boolean requestError = !result.isDataPresent();
        int status = requestError && format == ResponseFormat.GRAPHQL_RESPONSE_JSON ? 400 : 200;
        Map<String, Object> body = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(GraphQLError::toSpecification).toList());
        }
        if (result.isDataPresent()) {
            body.put("data", result.getData());
        }
        return new HttpResult(status, headers(format, Map.of()), json(body));
    }

    /** The result of a query is only released once the caller's membership is confirmed. */
    private static void awaitMembership(CompletableFuture<UserItem> membership) {
        try {
            membership.join();
        } catch (CompletionException e) {
            throw ErrorMapper.toApiException(e);
        }
    }

    private static HttpResult errorResult(int status, ResponseFormat format, RequestLogFields log, ApiException error,
                                          Map<String, String> extraHeaders) {
        log.outcome = error.code().name();
        log.errorCount = 1;
        Map<String, Object> spec = ErrorMapper.withRequestId(ErrorMapper.toGraphQlError(error, null, null),
                log.requestId).toSpecification();
        return new HttpResult(status, headers(format, extraHeaders), json(Map.of("errors", List.of(spec))));
    }

    private static Map<String, String> headers(ResponseFormat format, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", format.contentType());
        headers.put("Cache-Control", "no-store");
        headers.put("Vary", "Accept");
        headers.putAll(extra);
        return headers;
    }

    private static String json(Object value) {
        return Json.write(value); // null values stay: a response lists every selected field, null ones included
    }
}
