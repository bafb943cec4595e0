package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.json.Json;
import com.tenantgraph.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an API Gateway proxy event into a {@link GraphQlRequest}, following the GraphQL-over-HTTP specification:
 * POST with an application/json body, or GET with query parameters (queries only). Anything else is an
 * {@link HttpProblem} with a specific message.
 */
final class HttpRequestParser {
    private final QueryLimits limits;

    HttpRequestParser(QueryLimits limits) {
        this.limits = limits;
    }

    GraphQlRequest parse(String method, Headers headers, Map<String, String> queryParameters, String body,
                         boolean base64) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "POST" -> fromPost(headers, decode(body, base64));
            case "GET" -> fromGet(queryParameters == null ? Map.of() : queryParameters);
            default -> throw new HttpProblem(405, ErrorCode.BAD_USER_INPUT,
                    "Method " + verb + " is not allowed; use POST (or GET for queries)", Map.of("Allow", "GET, POST"));
        };
    }

    private GraphQlRequest fromPost(Headers headers, String body) {
        String contentType = headers.get("content-type");
        if (contentType == null || !mediaType(contentType).equals("application/json")) {
            throw new HttpProblem(415, ErrorCode.BAD_USER_INPUT,
                    "Content-Type must be application/json");
        }
        if (body == null || body.isBlank()) {
            throw badRequest("The request body is empty; send {\"query\": \"...\"}");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > limits.maxBodyBytes()) {
            throw new HttpProblem(413, ErrorCode.BAD_USER_INPUT,
                    "The request body exceeds " + limits.maxBodyBytes() + " bytes");
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (MalformedJsonException e) {
            throw badRequest("The request body is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw badRequest("The request body must be a JSON object");
        }
        return new GraphQlRequest(query(map.get("query")), operationName(map.get("operationName")),
                variables(map.get("variables")), false);
    }

    private GraphQlRequest fromGet(Map<String, String> parameters) {
        Map<String, Object> variables = Map.of();
        String rawVariables = parameters.get("variables");
        if (rawVariables != null && !rawVariables.isEmpty()) {
            try {
                variables = variables(Json.parse(rawVariables));
            } catch (MalformedJsonException e) {
                throw badRequest("The variables parameter is not valid JSON: " + e.getMessage());
            }
        }
        return new GraphQlRequest(query(parameters.get("query")), operationName(parameters.get("operationName")),
                variables, true);
    }

    private String query(Object query) {
        if (!(query instanceof String text) || text.isBlank()) {
            throw badRequest("The query must be a non-empty string");
        }
        if (text.length() > limits.maxQueryChars()) {
            throw badRequest("The query exceeds " + limits.maxQueryChars() + " characters");
        }
        return text;
    }

    private static String operationName(Object name) {
        if (name == null) {
            return null;
        }
        if (!(name instanceof String text)) {
            throw badRequest("operationName must be a string");
        }
        return text.isEmpty() ? null : text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Object variables) {
        if (variables == null) {
            return Map.of();
        }
        if (!(variables instanceof Map<?, ?>)) {
            throw badRequest("variables must be a JSON object");
        }
        return (Map<String, Object>) variables;
    }

    private static String decode(String body, boolean base64) {
        if (!base64 || body == null) {
            return body;
        }
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badRequest("The request body is not valid base64");
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static HttpProblem badRequest(String message) {
        return new HttpProblem(400, ErrorCode.BAD_USER_INPUT, message);
    }
}
