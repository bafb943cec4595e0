package com.tenantgraph.triggers;

/**
 * Thrown by PreSignUp to refuse a sign-up. Cognito turns a trigger's failure into UserLambdaValidationException
 * ("PreSignUp failed with error &lt;message&gt;."), so the message is written for the person signing up.
 */
public final class SignUpRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignUpRefusedException(String message) {
        super(message);
    }
}
