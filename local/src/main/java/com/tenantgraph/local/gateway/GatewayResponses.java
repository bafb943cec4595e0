package com.tenantgraph.local.gateway;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's own refusals, configured as gateway responses with the GraphQL error shape of PRODUCT.md §6 and CORS
 * headers: the one canonical definition, which the local gateway answers with and which template.yaml's
 * {@code AWS::ApiGateway::GatewayResponse} resources must match (a test compares them).
 *
 * <p>Each body is {@code {"errors":[{"message":…,"extensions":{"code":…,"requestId":…}}]}}. In template.yaml the request
 * id is the mapping variable {@link #REQUEST_ID_VARIABLE}; locally it is replaced by the request's id. The headers are
 * {@link #HEADERS} (template.yaml: {@code gatewayresponse.header.NAME: "'value'"}) with content type
 * {@link #CONTENT_TYPE} (template.yaml: the {@code ResponseTemplates} key).
 */
public final class GatewayResponses {
    /** The mapping variable API Gateway substitutes with the request id in a response template. */
    public static final String REQUEST_ID_VARIABLE = "$context.requestId";
    public static final String CONTENT_TYPE = "application/json";
    /** The static header values every gateway response carries. */
    public static final Map<String, String> HEADERS = headers();

    private GatewayResponses() {
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", Cors.ALLOW_ORIGIN);
        headers.put("Access-Control-Allow-Headers", Cors.ALLOW_HEADERS);
        return Collections.unmodifiableMap(headers);
    }

    /** The gateway response types this API configures, named as API Gateway names them ({@code ResponseType}). */
    public enum Type {
        UNAUTHORIZED(401, "UNAUTHENTICATED", "Unauthorized"),
        ACCESS_DENIED(403, "FORBIDDEN", "Forbidden"),
        MISSING_AUTHENTICATION_TOKEN(404, "NOT_FOUND", "Not found"),
        THROTTLED(429, "RATE_LIMITED", "Too many requests"),
        REQUEST_TOO_LARGE(413, "BAD_USER_INPUT", "Request too large"),
        AUTHORIZER_CONFIGURATION_ERROR(500, "INTERNAL", "Internal server error"),
        AUTHORIZER_FAILURE(500, "INTERNAL", "Internal server error"),
        INTEGRATION_FAILURE(502, "UNAVAILABLE", "Bad gateway"),
        INTEGRATION_TIMEOUT(504, "UNAVAILABLE", "Gateway timeout"),
        /** Stands in for every 4XX type not configured above, keeping that type's own status (400 locally). */
        DEFAULT_4XX(400, false, "BAD_USER_INPUT", "Bad request"),
        /** Stands in for every 5XX type not configured above, keeping that type's own status (500 locally). */
        DEFAULT_5XX(500, false, "INTERNAL", "Internal server error");

        private final int statusCode;
        private final boolean setsStatusCode;
        private final String code;
        private final String message;
        private final String bodyTemplate;

        Type(int statusCode, String code, String message) {
            this(statusCode, true, code, message);
        }

        Type(int statusCode, boolean setsStatusCode, String code, String message) {
            this.statusCode = statusCode;
            this.setsStatusCode = setsStatusCode;
            this.code = code;
            this.message = message;
            this.bodyTemplate = errorDocument(message, code);
        }

        /** The status the local gateway answers with. */
        public int statusCode() {
            return statusCode;
        }

        /**
         * Whether the gateway response sets {@code StatusCode}; the DEFAULT types do not, so that each refusal they
         * stand in for keeps its own status.
         */
        public boolean setsStatusCode() {
            return setsStatusCode;
        }

        /** The GraphQL {@code extensions.code}. */
        public String code() {
            return code;
        }

        public String message() {
            return message;
        }

        /** The body as template.yaml writes it, with {@link #REQUEST_ID_VARIABLE} for the request id. */
        public String bodyTemplate() {
            return bodyTemplate;
        }

        /** The body API Gateway sends for a request with this id. */
        public String body(String requestId) {
            return bodyTemplate.replace(REQUEST_ID_VARIABLE, requestId);
        }
    }

    private static String errorDocument(String message, String code) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.put("requestId", REQUEST_ID_VARIABLE);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", extensions);
        try {
            return JSON.std.asString(Map.of("errors", List.of(error)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a gateway response body", e);
        }
    }
}
