package com.tenantgraph.data;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.CallerFacingFailure;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.errors.ErrorMapper;
import java.util.Map;

/**
 * The data layer's own failures. SDK exceptions are translated once, at the boundary ({@link DynamoDbErrors}), keeping
 * the cause; nothing above the data layer sees an AWS SDK exception.
 */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A conditional write whose condition did not hold (item exists, version moved, count would break a rule). For a
     * transaction, {@link #failedActions()} says which actions' conditions failed and {@link #oldItem(int)} gives the
     * item as it was (the writes ask for ALL_OLD on a failed condition), so no extra read is needed to report a
     * conflict. A single write is action 0.
     */
    public static class ConditionFailedException extends DataAccessException {
        private static final long serialVersionUID = 1L;

        private final transient java.util.Map<Integer, java.util.Map<String,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue>> oldItems;

        public ConditionFailedException(String message, Throwable cause) {
            this(message, cause, java.util.Map.of());
        }

        public ConditionFailedException(String message, Throwable cause, java.util.Map<Integer, java.util.Map<String,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue>> oldItems) {
            this(message, cause, oldItems, java.util.List.of());
        }

        private final transient java.util.List<TableKey> keys;

        private ConditionFailedException(String message, Throwable cause, java.util.Map<Integer, java.util.Map<String,
                software.amazon.awssdk.services.dynamodb.model.AttributeValue>> oldItems,
                                         java.util.List<TableKey> keys) {
            super(message, cause);
            this.oldItems = java.util.Map.copyOf(oldItems);
            this.keys = java.util.List.copyOf(keys);
        }

        /** The same failure, told the key of each action of its transaction (in order), for {@link #failedOn}. */
        public ConditionFailedException on(java.util.List<TableKey> actionKeys) {
            ConditionFailedException keyed = new ConditionFailedException(getMessage(), getCause(), oldItems,
                    actionKeys);
            keyed.setStackTrace(getStackTrace());
            return keyed;
        }

        /** Whether the condition of an action on the item at {@code key} failed. */
        public boolean failedOn(TableKey key) {
            return oldItems.keySet().stream().anyMatch(i -> i < keys.size() && key.equals(keys.get(i)));
        }

        /** Indexes of the actions whose condition failed (0 for a single write). */
        public java.util.Set<Integer> failedActions() {
            return oldItems.keySet();
        }

        public boolean failed(int action) {
            return oldItems.containsKey(action);
        }

        /** The item as it was when action {@code action}'s condition failed; empty when it did not exist. */
        public java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> oldItem(
                int action) {
            return oldItems.getOrDefault(action, java.util.Map.of());
        }
    }

    /** A transaction cancelled because another request wrote one of its items at the same time: worth a retry. */
    public static class TransactionConflictException extends ThrottledException {
        private static final long serialVersionUID = 1L;

        public TransactionConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** DynamoDB throttled the request even after the SDK's retries: the caller may retry later. */
    public static class ThrottledException extends TransientException {
        private static final long serialVersionUID = 1L;

        public ThrottledException(String message, Throwable cause) {
            super(message, cause, ErrorCode.RATE_LIMITED, "The service is busy; retry shortly");
        }
    }

    /**
     * A write whose outcome cannot be known: a request reached the database (or may have), no answer came back, and
     * resolving it (the same transaction again under its ClientRequestToken, or reading the item back) failed too.
     * The caller is told so (UNAVAILABLE with reason OUTCOME_UNKNOWN) and retries with the same idempotency key.
     */
    public static class OutcomeUnknownException extends StoreUnavailableException {
        private static final long serialVersionUID = 1L;

        public OutcomeUnknownException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ApiException toApiException() {
            return new ApiException(ErrorCode.UNAVAILABLE, "The database did not confirm this write: it may or may not"
                    + " have been applied. Retry with the same clientMutationId (creates) or read the object first"
                    + " (updates and deletes)", Map.of("reason", ErrorMapper.OUTCOME_UNKNOWN), this);
        }
    }

    /** The database could not be reached or answered with a server error. */
    public static class StoreUnavailableException extends TransientException {
        private static final long serialVersionUID = 1L;

        public StoreUnavailableException(String message, Throwable cause) {
            super(message, cause, ErrorCode.UNAVAILABLE, "The service is temporarily unavailable; retry shortly");
        }
    }

    /** A failure that may pass on a later try: the caller is told its code and a message, nothing of the cause. */
    abstract static class TransientException extends DataAccessException implements CallerFacingFailure {
        private static final long serialVersionUID = 1L;

        private final ErrorCode code;
        private final String told;

        TransientException(String message, Throwable cause, ErrorCode code, String told) {
            super(message, cause);
            this.code = code;
            this.told = told;
        }

        @Override
        public ApiException toApiException() {
            return new ApiException(code, told, Map.of(), this);
        }
    }
}
