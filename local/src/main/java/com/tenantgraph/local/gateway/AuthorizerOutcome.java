package com.tenantgraph.local.gateway;

import java.util.Locale;

/** How the authorizer step ended for one request, and the gateway response that refuses it (none for ALLOW). */
enum AuthorizerOutcome {
    /** The route has no authorizer (e.g. the CORS preflight) or the request was refused before it (route, size). */
    NOT_CALLED(null),
    /** No (or an empty) Authorization header: refused without calling the authorizer. */
    MISSING_TOKEN(GatewayResponses.ResponseType.UNAUTHORIZED),
    /** The header does not match the authorizer's identity validation expression: refused without a call. */
    INVALID_IDENTITY(GatewayResponses.ResponseType.UNAUTHORIZED),
    ALLOW(null),
    /** An explicit Deny, or no Allow covering the method ARN. */
    DENY(GatewayResponses.ResponseType.ACCESS_DENIED),
    /** The authorizer failed with the error message "Unauthorized". */
    UNAUTHORIZED(GatewayResponses.ResponseType.UNAUTHORIZED),
    /** Any other function error, or an answer API Gateway cannot use. */
    CONFIGURATION_ERROR(GatewayResponses.ResponseType.AUTHORIZER_CONFIGURATION_ERROR),
    /** The authorizer did not answer within the integration timeout. */
    FAILURE(GatewayResponses.ResponseType.AUTHORIZER_FAILURE);

    private final GatewayResponses.ResponseType refusal;

    AuthorizerOutcome(GatewayResponses.ResponseType refusal) {
        this.refusal = refusal;
    }

    /** The gateway response for this outcome; only ALLOW and NOT_CALLED have none. */
    GatewayResponses.ResponseType refusal() {
        if (refusal == null) {
            throw new IllegalStateException(this + " refuses nothing");
        }
        return refusal;
    }

    /** The name in the access log: {@code allow}, {@code missing-token}, … */
    String logName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
