package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ErrorCode;
import java.util.Map;

/** A request refused at the HTTP layer, before any GraphQL happens (wrong method, media type, malformed body). */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode code;
    private final Map<String, String> headers;

    HttpProblem(int status, ErrorCode code, String message) {
        this(status, code, message, Map.of());
    }

    HttpProblem(int status, ErrorCode code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    ErrorCode code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
