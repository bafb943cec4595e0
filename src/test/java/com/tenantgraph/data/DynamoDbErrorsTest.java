package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The one translation of SDK exceptions into the data layer's own, keeping the cause. */
class DynamoDbErrorsTest {

    private static TransactionCanceledException cancelled(String... codes) {
        CancellationReason[] reasons = new CancellationReason[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reasons[i] = CancellationReason.builder().code(codes[i]).build();
        }
        return TransactionCanceledException.builder().message("Transaction cancelled").cancellationReasons(reasons)
                .build();
    }

    @Test
    void translate_conditionalCheckFailed_isConditionFailed() {
        // GIVEN a conditional write that did not hold
        SdkException e = ConditionalCheckFailedException.builder().message("The conditional request failed").build();

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("PutProject", e);

        // THEN ConditionFailed, naming the operation and keeping the cause
        assertThat(translated).isInstanceOf(DataAccessException.ConditionFailedException.class)
                .hasMessageStartingWith("PutProject").hasCause(e);
    }

    @Test
    void translate_transactionCancelledByACondition_isConditionFailed() {
        // GIVEN a transaction cancelled because one item's condition failed (the others say None)
        SdkException e = cancelled("None", "ConditionalCheckFailed", "None");

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("CreateTenant", e);

        // THEN ConditionFailed
        assertThat(translated).isInstanceOf(DataAccessException.ConditionFailedException.class).hasCause(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"})
    void translate_transactionCancelledByAConflictOrThrottling_isThrottled(String reason) {
        // GIVEN a transaction cancelled by a concurrent transaction or throttling
        SdkException e = cancelled("None", reason);

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("AddMember", e);

        // THEN Throttled: the caller may retry
        assertThat(translated).isInstanceOf(DataAccessException.ThrottledException.class).hasCause(e);
    }

    @Test
    void translate_transactionCancelledByAConditionAndAConflict_isConditionFailed() {
        // GIVEN a cancellation with both a failed condition and a conflict
        SdkException e = cancelled("TransactionConflict", "ConditionalCheckFailed");

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("AddMember", e);

        // THEN the condition decides: retrying would fail the same way
        assertThat(translated).isInstanceOf(DataAccessException.ConditionFailedException.class);
    }

    @Test
    void translate_transactionCancelledForAnotherReason_isPlainDataAccess() {
        // GIVEN a cancellation for a validation reason
        SdkException e = cancelled("ValidationError");

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("AddMember", e);

        // THEN neither condition nor throttling
        assertThat(translated.getClass()).isEqualTo(DataAccessException.class);
    }

    @Test
    void translate_throttlingExceptions_areThrottled() {
        // GIVEN the throttling exceptions DynamoDB raises
        SdkException provisioned = ProvisionedThroughputExceededException.builder().message("slow down").build();
        SdkException requestLimit = RequestLimitExceededException.builder().message("slow down").build();
        SdkException byCode = DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ThrottlingException").build()).build();

        // WHEN translated
        // THEN each is Throttled
        assertThat(DynamoDbErrors.translate("GetUser", provisioned))
                .isInstanceOf(DataAccessException.ThrottledException.class);
        assertThat(DynamoDbErrors.translate("GetUser", requestLimit))
                .isInstanceOf(DataAccessException.ThrottledException.class);
        assertThat(DynamoDbErrors.translate("GetUser", byCode))
                .isInstanceOf(DataAccessException.ThrottledException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void translate_serverErrors_areStoreUnavailable(int status) {
        // GIVEN DynamoDB answering with a 5xx
        SdkException e = DynamoDbException.builder().statusCode(status).message("server error").build();

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("GetUser", e);

        // THEN StoreUnavailable
        assertThat(translated).isInstanceOf(DataAccessException.StoreUnavailableException.class).hasCause(e);
    }

    @Test
    void translate_internalServerError_isStoreUnavailable() {
        // GIVEN DynamoDB's own InternalServerError
        SdkException e = InternalServerErrorException.builder().statusCode(500).message("oops").build();

        // WHEN translated
        // THEN StoreUnavailable
        assertThat(DynamoDbErrors.translate("GetUser", e))
                .isInstanceOf(DataAccessException.StoreUnavailableException.class);
    }

    @Test
    void translate_clientErrors_areStoreUnavailable() {
        // GIVEN the SDK failing to reach DynamoDB at all
        SdkException e = SdkClientException.create("Unable to execute HTTP request: connect timed out");

        // WHEN translated
        // THEN StoreUnavailable
        assertThat(DynamoDbErrors.translate("GetUser", e))
                .isInstanceOf(DataAccessException.StoreUnavailableException.class).hasCause(e);
    }

    @Test
    void neverSent_onlyWhenEveryAttemptWasRefused() {
        // GIVEN a failure whose every attempt was a refused connection, and one whose first attempt lost its answer
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request",
                new java.net.ConnectException("Connection refused"));
        refused.addSuppressed(SdkClientException.create("Request attempt 1 failure",
                new java.net.ConnectException("Connection refused")));
        SdkClientException lost = SdkClientException.create("Unable to execute HTTP request",
                new java.net.ConnectException("Connection refused"));
        lost.addSuppressed(SdkClientException.create("Request attempt 1 failure",
                new java.net.SocketTimeoutException("Read timed out")));

        // WHEN each is translated and asked whether it could have been applied
        // THEN only the refused one certainly never reached the database
        assertThat(DynamoDbErrors.neverSent(unavailable(refused))).isTrue();
        assertThat(DynamoDbErrors.neverSent(unavailable(lost))).isFalse();
        assertThat(DynamoDbErrors.neverSent(unavailable(SdkClientException.create("Read timed out",
                new java.net.SocketTimeoutException("Read timed out"))))).isFalse();
    }

    private static DataAccessException.StoreUnavailableException unavailable(SdkException e) {
        return (DataAccessException.StoreUnavailableException) DynamoDbErrors.translate("TransactWriteItems", e);
    }

    @Test
    void translate_otherClientSideFailures_arePlainDataAccess() {
        // GIVEN a 400 ValidationException (a bug in the request, not the caller's or the store's fault)
        SdkException e = DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ValidationException").build()).message("bad expression").build();

        // WHEN translated
        DataAccessException translated = DynamoDbErrors.translate("Query", e);

        // THEN a plain DataAccessException (it will surface as INTERNAL), with the cause kept
        assertThat(translated.getClass()).isEqualTo(DataAccessException.class);
        assertThat(translated).hasCause(e).hasMessage("Query: DynamoDbException");
    }

    @Test
    void call_returnsTheResult_whenTheCallSucceeds() {
        // GIVEN a call that succeeds
        // WHEN run
        // THEN its result
        assertThat(DynamoDbErrors.call("GetUser", () -> "item")).isEqualTo("item");
    }

    @Test
    void call_translatesSdkExceptions() {
        // GIVEN a call that is throttled
        ProvisionedThroughputExceededException e = ProvisionedThroughputExceededException.builder().build();

        // WHEN run
        // THEN the translated exception is thrown
        assertThatThrownBy(() -> DynamoDbErrors.call("GetUser", () -> {
            throw e;
        })).isInstanceOf(DataAccessException.ThrottledException.class).hasCause(e);
    }
}
