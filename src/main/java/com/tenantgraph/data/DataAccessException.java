package com.tenantgraph.data;

/**
 * The data layer's own failures. SDK exceptions are translated once, at the boundary ({@link DynamoDbErrors}), keeping
 * the cause; nothing above the data layer sees an AWS SDK exception.
 */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A conditional write whose condition did not hold (item exists, version moved, count would break a rule). */
    public static class ConditionFailedException extends DataAccessException {
        private static final long serialVersionUID = 1L;

        public ConditionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** DynamoDB throttled the request even after the SDK's retries: the caller may retry later. */
    public static class ThrottledException extends DataAccessException {
        private static final long serialVersionUID = 1L;

        public ThrottledException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The database could not be reached or answered with a server error. */
    public static class StoreUnavailableException extends DataAccessException {
        private static final long serialVersionUID = 1L;

        public StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
