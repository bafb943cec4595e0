package com.tenantgraph.local.gateway;

/**
 * API Gateway's refusals of this API as a client receives them: status, GraphQL {@code extensions.code} and message.
 * The table of docs/local-api-gateway.md, stated literally: the gateway reads its responses from template.yaml, and a
 * change there shows here as a failing test rather than passing unnoticed.
 */
enum Refusal {
    UNAUTHORIZED(GatewayResponses.ResponseType.UNAUTHORIZED, 401, "UNAUTHENTICATED", "Unauthorized"),
    ACCESS_DENIED(GatewayResponses.ResponseType.ACCESS_DENIED, 403, "FORBIDDEN", "Forbidden"),
    MISSING_AUTHENTICATION_TOKEN(GatewayResponses.ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, "NOT_FOUND",
            "Not found"),
    REQUEST_TOO_LARGE(GatewayResponses.ResponseType.REQUEST_TOO_LARGE, 413, "BAD_USER_INPUT", "Request too large"),
    /** Through DEFAULT_5XX, which keeps the type's own 500. */
    API_CONFIGURATION_ERROR(GatewayResponses.ResponseType.API_CONFIGURATION_ERROR, 500, "INTERNAL",
            "Internal server error"),
    /** Through DEFAULT_5XX, which keeps the type's own 500. */
    AUTHORIZER_CONFIGURATION_ERROR(GatewayResponses.ResponseType.AUTHORIZER_CONFIGURATION_ERROR, 500, "INTERNAL",
            "Internal server error"),
    /** Through DEFAULT_5XX, which keeps the type's own 500. */
    AUTHORIZER_FAILURE(GatewayResponses.ResponseType.AUTHORIZER_FAILURE, 500, "INTERNAL", "Internal server error"),
    INTEGRATION_FAILURE(GatewayResponses.ResponseType.INTEGRATION_FAILURE, 502, "UNAVAILABLE", "Bad gateway"),
    INTEGRATION_TIMEOUT(GatewayResponses.ResponseType.INTEGRATION_TIMEOUT, 504, "UNAVAILABLE", "Gateway timeout");

    final GatewayResponses.ResponseType type;
    final int status;
    final String code;
    final String message;

    Refusal(GatewayResponses.ResponseType type, int status, String code, String message) {
        this.type = type;
        this.status = status;
        this.code = code;
        this.message = message;
    }
}
