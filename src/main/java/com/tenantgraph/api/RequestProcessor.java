package com.tenantgraph.api;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.data.ItemReader;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.graphql.Operations;
import com.tenantgraph.graphql.RequestContext;
import com.tenantgraph.tenancy.Caller;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.introspection.Introspection;
import graphql.parser.ParserOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request, start to end: negotiate the response type, parse the HTTP request, take the caller from the
 * authorizer context, start the membership check, execute the GraphQL operation with a fresh DataLoader registry,
 * and refuse the result if the membership check fails. Writes one JSON log line per request.
 */
final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.request");

    private final Application app;
    private final HttpRequestParser parser;
    private final ParserOptions parserOptions;

    private final ItemReader reader;

    RequestProcessor(Application app) {
        this(app, app.batchGetter());
    }

    /** With another item reader: SnapStart priming runs the whole path over in-memory items. */
    RequestProcessor(Application app, ItemReader reader) {
        this.app = app;
        this.reader = reader;
        this.parser = new HttpRequestParser(app.config().limits());
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
                .transform(options -> options.maxTokens(app.config().limits().maxTokens()));
    }

    HttpResult process(HttpCall call) {
        long started = System.nanoTime();
        RequestLogFields log = new RequestLogFields(call.requestId());
        HttpResult result = respond(call, log);
        log.status = result.status();
        log.write(LOG, (System.nanoTime() - started) / 1_000_000);
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
            Caller caller = app.callers().resolve(call.authorizerContext());
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
        if (request.viaGet() && Operations.isMutation(request.query(), request.operationName())) {
            throw new HttpProblem(405, ErrorCode.BAD_USER_INPUT, "Mutations must be sent with POST",
                    Map.of("Allow", "POST"));
        }
        RequestContext context = RequestContext.create(requestId, caller, reader);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .graphQLContext(Map.of(RequestContext.class, context,
                        Introspection.INTROSPECTION_DISABLED, !app.config().introspectionEnabled(),
                        ParserOptions.class, parserOptions))
                .dataLoaderRegistry(context.loaders())
                .build();
        ExecutionResult result = app.graphQl().executeAsync(input).join();
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
        try {
            // null values stay: a GraphQL response lists every selected field, null ones included
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the response", e);
        }
    }
}
