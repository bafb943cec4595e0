package com.tenantgraph.triggers;

/**
 * Thrown by a trigger that failed for a reason other than a refusal (the table or Cognito unavailable, throttled, a
 * bug): built by {@link TriggerFailures} only, after it logged the cause. Cognito shows the message to the person
 * ("PreSignUp failed with error &lt;message&gt;."), so it says what to do and names nothing internal; the cause stays
 * attached for the code that called the handler in process (tests, the local stack), never in the message.
 */
public final class TriggerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TriggerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
