package com.tenantgraph.triggers;

/**
 * Thrown by a trigger to refuse a sign-up (PreSignUp) or an invitation's binding (PostConfirmation,
 * PostAuthentication). Cognito turns a trigger's failure into UserLambdaValidationException ("PreSignUp failed with
 * error &lt;message&gt;."), so the message is written for the person signing up; it is the one failure whose message
 * reaches them as it is ({@link TriggerFailures}).
 */
public final class SignUpRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignUpRefusedException(String message) {
        super(message);
    }
}
