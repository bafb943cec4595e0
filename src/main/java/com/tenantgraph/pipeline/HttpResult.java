package com.tenantgraph.pipeline;

import java.util.Map;

/**
 * The HTTP answer: status, headers and body. {@code base64Encoded} says the body is base64 of bytes (the gzip-compressed
 * GraphiQL page), which API Gateway decodes before sending; every other answer is text (JSON).
 */
public record HttpResult(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    /** A text answer. */
    public HttpResult(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }
}
