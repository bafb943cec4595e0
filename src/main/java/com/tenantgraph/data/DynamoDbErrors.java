package com.tenantgraph.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The single place where AWS SDK exceptions become {@link DataAccessException}s. */
public final class DynamoDbErrors {
    private DynamoDbErrors() {
    }

    /** Runs a DynamoDB call and translates its failure. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    public static DataAccessException translate(String operation, SdkException e) {
        if (e instanceof ConditionalCheckFailedException failed) {
            return new DataAccessException.ConditionFailedException(operation + ": condition failed", e,
                    Map.of(0, failed.hasItem() ? failed.item() : Map.of()));
        }
        if (e instanceof TransactionCanceledException cancelled) {
            return translateCancelled(operation, cancelled);
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException
                || isThrottling(e)) {
            return new DataAccessException.ThrottledException(operation + ": throttled", e);
        }
        if (e instanceof SdkClientException || e instanceof DynamoDbException && isServerError(e)) {
            return new DataAccessException.StoreUnavailableException(operation + ": database unavailable", e);
        }
        return new DataAccessException(operation + ": " + e.getClass().getSimpleName(), e);
    }

    /**
     * Whether a failed write certainly never reached the database: every attempt the SDK made (the last one and the
     * earlier ones it keeps as suppressed exceptions) failed to connect. Anything else (a dropped or reset
     * connection, a timeout, a server error) may have been applied.
     */
    public static boolean neverSent(DataAccessException.StoreUnavailableException e) {
        if (!(e.getCause() instanceof SdkClientException last) || !refused(last)) {
            return false;
        }
        for (Throwable earlier : last.getSuppressed()) {
            if (!refused(earlier)) {
                return false;
            }
        }
        return true;
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static DataAccessException translateCancelled(String operation, TransactionCanceledException e) {
        Map<Integer, Map<String, AttributeValue>> failed = new HashMap<>();
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                failed.put(i, reasons.get(i).hasItem() ? reasons.get(i).item() : Map.of());
            }
        }
        if (!failed.isEmpty()) {
            return new DataAccessException.ConditionFailedException(operation + ": condition failed", e, failed);
        }
        boolean conflict = reasons.stream().map(CancellationReason::code).anyMatch("TransactionConflict"::equals);
        if (conflict) {
            return new DataAccessException.TransactionConflictException(operation + ": transaction conflict", e);
        }
        boolean throttled = e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .anyMatch(c -> "TransactionConflict".equals(c) || "ThrottlingError".equals(c)
                        || "ProvisionedThroughputExceeded".equals(c));
        if (throttled) {
            return new DataAccessException.ThrottledException(operation + ": transaction conflict or throttling", e);
        }
        return new DataAccessException(operation + ": transaction cancelled", e);
    }

    private static boolean isThrottling(SdkException e) {
        return e instanceof DynamoDbException d && d.isThrottlingException();
    }

    private static boolean isServerError(SdkException e) {
        return e instanceof DynamoDbException d && d.statusCode() >= 500;
    }
}
