package com.tenantgraph.errors;

/**
 * The {@code extensions.code} values of every error the API returns, with the HTTP status used when the error
 * prevents execution altogether (GraphQL-over-HTTP, application/graphql-response+json).
 */
public enum ErrorCode {
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    BAD_USER_INPUT(400),
    CONFLICT(409),
    RATE_LIMITED(429),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
