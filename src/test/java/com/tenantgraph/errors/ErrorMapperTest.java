package com.tenantgraph.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.DataAccessException;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.introspection.IntrospectionDisabledError;
import graphql.language.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMapperTest {
    private static final SourceLocation LOCATION = new SourceLocation(1, 3);

    private static GraphQLError error(ErrorClassification type, String message) {
        return GraphqlErrorBuilder.newError().errorType(type).message(message).location(LOCATION).build();
    }

    // ---- withCodes: graphql-java's own errors

    @ParameterizedTest
    @EnumSource(value = ErrorType.class, names = {"InvalidSyntax", "ValidationError", "ExecutionAborted",
            "OperationNotSupported"})
    void withCodes_marksCallerMistakesAsBadUserInput_keepingTheMessageAndLocation(ErrorType type) {
        // GIVEN an error graphql-java raises for a request the caller got wrong
        GraphQLError validation = error(type, "Validation error (FieldUndefined@[nope]) : Field 'nope' is undefined");

        // WHEN codes are added
        GraphQLError coded = ErrorMapper.withCodes(List.of(validation)).get(0);

        // THEN BAD_USER_INPUT, with graphql-java's explanation and location intact
        assertThat(coded.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(coded.getMessage()).isEqualTo(validation.getMessage());
        assertThat(coded.getLocations()).containsExactly(LOCATION);
    }

    @Test
    void withCodes_masksAsInternal_whenTheClassificationIsUnknown() {
        // GIVEN an error of a classification the mapper does not know, whose message leaks internals
        ErrorClassification unknown = new ErrorClassification() {
            @Override
            public String toString() {
                return "SomethingNew";
            }
        };
        GraphQLError leaky = error(unknown, "NullPointerException in com.tenantgraph.Secret on table prod-table");

        // WHEN codes are added
        GraphQLError coded = ErrorMapper.withCodes(List.of(leaky)).get(0);

        // THEN INTERNAL with the masked message only
        assertThat(coded.getExtensions()).containsEntry("code", "INTERNAL");
        assertThat(coded.getMessage()).isEqualTo("Internal error");
        assertThat(coded.toSpecification().toString()).doesNotContain("NullPointerException", "prod-table",
                "com.tenantgraph");
    }

    @Test
    void anUnknownWriteOutcome_isUnavailable_withItsOwnReason() {
        // GIVEN a write the database never confirmed nor denied
        Throwable unknown = new com.tenantgraph.data.DataAccessException.OutcomeUnknownException(
                "CreateTask: outcome unknown", null);

        // WHEN mapped
        ApiException api = ErrorMapper.toApiException(unknown);

        // THEN UNAVAILABLE, reason OUTCOME_UNKNOWN, and the message tells the caller how to retry safely
        assertThat(api.extensions()).containsEntry("code", "UNAVAILABLE").containsEntry("reason", "OUTCOME_UNKNOWN");
        assertThat(api.getMessage()).contains("same clientMutationId");
    }

    @Test
    void withCodes_masksAsInternal_whenADataFetchingErrorHasNoCode() {
        // GIVEN a data fetching error that did not pass through ErrorMapper.handleException
        GraphQLError raw = error(ErrorType.DataFetchingException, "Exception while fetching data: boom");

        // WHEN codes are added
        GraphQLError coded = ErrorMapper.withCodes(List.of(raw)).get(0);

        // THEN INTERNAL, masked
        assertThat(coded.getExtensions()).containsEntry("code", "INTERNAL");
        assertThat(coded.getMessage()).isEqualTo("Internal error");
    }

    @Test
    void withCodes_keepsAnErrorThatAlreadyHasACode() {
        // GIVEN an error built from an ApiException, with a path
        GraphQLError conflict = ErrorMapper.toGraphQlError(new ApiException(ErrorCode.CONFLICT, "stale",
                Map.of("currentVersion", 4), null), ResultPath.parse("/updateProject"), LOCATION);

        // WHEN codes are added
        GraphQLError coded = ErrorMapper.withCodes(List.of(conflict)).get(0);

        // THEN it is unchanged
        assertThat(coded).isSameAs(conflict);
        assertThat(coded.getExtensions()).containsEntry("code", "CONFLICT").containsEntry("currentVersion", 4);
        assertThat(coded.getPath()).containsExactly("updateProject");
    }

    @Test
    void withCodes_marksDisabledIntrospectionAsBadUserInput_notInternal() {
        // GIVEN graphql-java's refusal of introspection when a deployment switched it off
        GraphQLError refused = new IntrospectionDisabledError(LOCATION);

        // WHEN codes are added
        GraphQLError coded = ErrorMapper.withCodes(List.of(refused)).get(0);

        // THEN the caller learns why, rather than seeing a masked INTERNAL error
        assertThat(coded.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        assertThat(coded.getMessage()).isEqualTo(refused.getMessage());
    }

    // ---- toApiException: failures from resolvers and the data layer

    @Test
    void toApiException_keepsAnApiException_evenWhenWrappedByFutures() {
        // GIVEN a FORBIDDEN refusal wrapped twice, as CompletableFuture chains wrap it
        ApiException forbidden = new ApiException(ErrorCode.FORBIDDEN, "not a member");
        Throwable wrapped = new CompletionException(new ExecutionException(forbidden));

        // WHEN mapped
        ApiException mapped = ErrorMapper.toApiException(wrapped);

        // THEN the original comes back
        assertThat(mapped).isSameAs(forbidden);
    }

    @Test
    void toApiException_isRateLimited_whenTheDataLayerWasThrottled() {
        // GIVEN a throttled read
        Throwable throttled = new DataAccessException.ThrottledException("GetUser: throttled on table-x", null);

        // WHEN mapped
        ApiException mapped = ErrorMapper.toApiException(new CompletionException(throttled));

        // THEN RATE_LIMITED without the data layer's message
        assertThat(mapped.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(mapped.getMessage()).doesNotContain("table-x");
    }

    @Test
    void toApiException_isUnavailable_whenTheStoreCannotBeReached() {
        // GIVEN an unreachable store
        Throwable down = new DataAccessException.StoreUnavailableException("GetUser: database unavailable", null);

        // WHEN mapped
        ApiException mapped = ErrorMapper.toApiException(down);

        // THEN UNAVAILABLE
        assertThat(mapped.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void toApiException_isInternalAndMasked_forAnythingElse() {
        // GIVEN an unexpected failure
        Throwable unexpected = new IllegalStateException("table prod-table is on fire");

        // WHEN mapped
        ApiException mapped = ErrorMapper.toApiException(unexpected);

        // THEN INTERNAL "Internal error", keeping the cause for the log only
        assertThat(mapped.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(mapped.getMessage()).isEqualTo("Internal error");
        assertThat(mapped.extensions()).containsOnlyKeys("code");
        assertThat(mapped.getCause()).isSameAs(unexpected);
    }

    @Test
    void toGraphQlError_carriesCodeAndExtraExtensions_forBadInput() {
        // GIVEN a bad input on field "id"
        ApiException bad = ApiException.badInput("id", "Malformed id");

        // WHEN it becomes a GraphQL error
        Map<String, Object> spec = ErrorMapper.toGraphQlError(bad, ResultPath.parse("/node"), LOCATION)
                .toSpecification();

        // THEN the spec shape carries the code and the field
        assertThat(spec).containsEntry("message", "Malformed id").containsEntry("path", List.of("node"));
        assertThat(spec.get("extensions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "id");
    }

    @Test
    void withRequestId_addsTheRequestIdToAnInternalError_keepingTheRest() {
        // GIVEN a masked INTERNAL error at a path
        GraphQLError internal = ErrorMapper.toGraphQlError(new IllegalStateException("boom"),
                ResultPath.parse("/tenant"), LOCATION);

        // WHEN the request id is added
        GraphQLError withId = ErrorMapper.withRequestId(internal, "req-9");

        // THEN it names the request, with message, code, path and location unchanged
        assertThat(withId.getExtensions()).containsEntry("requestId", "req-9").containsEntry("code", "INTERNAL");
        assertThat(withId.getMessage()).isEqualTo("Internal error");
        assertThat(withId.getPath()).containsExactly("tenant");
        assertThat(withId.getLocations()).containsExactly(LOCATION);
    }

    @Test
    void withRequestId_leavesOtherErrorsAlone() {
        // GIVEN a caller's mistake
        GraphQLError bad = ErrorMapper.toGraphQlError(ApiException.badInput("id", "Malformed id"), null, null);

        // WHEN the request id is offered
        GraphQLError same = ErrorMapper.withRequestId(bad, "req-9");

        // THEN unchanged: only errors the caller cannot explain need a reference for support
        assertThat(same).isSameAs(bad);
    }
}
