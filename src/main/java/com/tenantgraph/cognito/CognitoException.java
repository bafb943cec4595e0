package com.tenantgraph.cognito;

/**
 * The Cognito side's own failures. SDK exceptions are translated once, where the admin API is called
 * ({@link CognitoErrors}), keeping the cause; nothing above sees a Cognito SDK type.
 */
public class CognitoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CognitoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The username (the email) already has an account somewhere in the pool. Never says where. */
    public static class UsernameTakenException extends CognitoException {
        private static final long serialVersionUID = 1L;

        public UsernameTakenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The user does not exist in the pool. */
    public static class UserNotFoundException extends CognitoException {
        private static final long serialVersionUID = 1L;

        public UserNotFoundException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Cognito could not be reached, throttled us, failed, or is not configured: the caller may retry later. */
    public static class CognitoUnavailableException extends CognitoException {
        private static final long serialVersionUID = 1L;

        public CognitoUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
