package com.tenantgraph.local.gateway;

/**
 * A Lambda answer that API Gateway cannot use: an authorizer answer without a policy or with a non-primitive context
 * value (API Gateway: 500), or a proxy answer without a status code (API Gateway: 502). The message says what is
 * wrong, for the access log; it never quotes the answer, which may hold a token.
 */
final class MalformedAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedAnswerException(String message) {
        super(message);
    }
}
