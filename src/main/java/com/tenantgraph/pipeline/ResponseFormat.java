package com.tenantgraph.pipeline;

import java.util.Locale;

/**
 * The response media type, from the Accept header (GraphQL-over-HTTP): application/graphql-response+json when the
 * client accepts it (status codes then follow the outcome), else application/json (200 once GraphQL has run).
 */
enum ResponseFormat {
    GRAPHQL_RESPONSE_JSON("application/graphql-response+json; charset=utf-8"),
    JSON("application/json; charset=utf-8");

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** Null when the Accept header names only media types this API cannot produce. */
    static ResponseFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        String normalized = accept.toLowerCase(Locale.ROOT);
        if (normalized.contains("application/graphql-response+json")) {
            return GRAPHQL_RESPONSE_JSON;
        }
        if (normalized.contains("application/json") || normalized.contains("*/*")
                || normalized.contains("application/*")) {
            return JSON;
        }
        return null;
    }
}
