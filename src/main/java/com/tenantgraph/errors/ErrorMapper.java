package com.tenantgraph.errors;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.ResultPath;
import graphql.introspection.GoodFaithIntrospection.BadFaithIntrospectionError;
import graphql.introspection.IntrospectionDisabledError;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become GraphQL errors. An {@link ApiException} keeps its code and extensions; data-layer
 * failures map to RATE_LIMITED or UNAVAILABLE; anything else is INTERNAL with a masked message carrying the request
 * id (the details go to the log, never to the caller: no stack traces, no table names).
 */
public final class ErrorMapper implements DataFetcherExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** {@code extensions.reason} of an UNAVAILABLE write that may have been applied (README, "Retries"). */
    public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        GraphQLError error = toGraphQlError(parameters.getException(), parameters.getPath(),
                parameters.getSourceLocation());
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    /** Turns any failure into a GraphQL error at {@code path} (null for request-level errors). */
    public static GraphQLError toGraphQlError(Throwable failure, ResultPath path, SourceLocation location) {
        ApiException api = toApiException(failure);
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(api.getMessage())
                .errorType(classification(api.code()))
                .extensions(api.extensions());
        if (path != null) {
            builder.path(path);
        }
        if (location != null) {
            builder.location(location);
        }
        return builder.build();
    }

    /** Maps a failure to the caller-facing exception; unexpected failures are logged here and masked. */
    public static ApiException toApiException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof CallerFacingFailure explained) {
            return explained.toApiException();
        }
        LOG.error("unexpected failure", cause);
        return new ApiException(ErrorCode.INTERNAL, "Internal error", Map.of(), cause);
    }

    /**
     * Gives every error of an execution result an {@code extensions.code}: graphql-java's own parse and validation
     * errors become BAD_USER_INPUT, an aborted execution (query limits) and a refused introspection too.
     */
    public static List<GraphQLError> withCodes(List<GraphQLError> errors) {
        return errors.stream().map(ErrorMapper::withCode).toList();
    }

    private static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions();
        if (extensions != null && extensions.containsKey("code")) {
            return error;
        }
        ErrorCode code = isCallerMistake(error) ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL;
        Map<String, Object> merged = new LinkedHashMap<>(extensions == null ? Map.of() : extensions);
        merged.put("code", code.name());
        return copy(error, code == ErrorCode.INTERNAL ? "Internal error" : error.getMessage(), merged);
    }

    /** An INTERNAL error names the request id, so a caller's report can be matched with the log; others unchanged. */
    public static GraphQLError withRequestId(GraphQLError error, String requestId) {
        Map<String, Object> extensions = error.getExtensions();
        if (requestId == null || extensions == null || !ErrorCode.INTERNAL.name().equals(extensions.get("code"))) {
            return error;
        }
        Map<String, Object> merged = new LinkedHashMap<>(extensions);
        merged.put("requestId", requestId);
        return copy(error, error.getMessage(), merged);
    }

    private static GraphQLError copy(GraphQLError error, String message, Map<String, Object> extensions) {
        GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
                .message(message)
                .errorType(error.getErrorType())
                .extensions(extensions);
        if (error.getLocations() != null) {
            builder.locations(error.getLocations());
        }
        if (error.getPath() != null) {
            builder.path(error.getPath());
        }
        return builder.build();
    }

    /** Introspection refusals (switched off, or not asked in good faith) carry classifications of their own. */
    private static boolean isCallerMistake(GraphQLError error) {
        ErrorClassification type = error.getErrorType();
        return type == ErrorType.InvalidSyntax || type == ErrorType.ValidationError
                || type == ErrorType.ExecutionAborted || type == ErrorType.OperationNotSupported
                || error instanceof IntrospectionDisabledError || error instanceof BadFaithIntrospectionError;
    }

    private static ErrorClassification classification(ErrorCode code) {
        return switch (code) {
            case BAD_USER_INPUT -> ErrorType.ValidationError;
            case INTERNAL, UNAVAILABLE, RATE_LIMITED -> ErrorType.ExecutionAborted;
            default -> ErrorType.DataFetchingException;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
