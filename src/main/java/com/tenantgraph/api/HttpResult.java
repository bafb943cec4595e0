package com.tenantgraph.api;

import java.util.Map;

/**
 * The HTTP answer: status, headers and body. {@code base64Encoded} says the body is base64 of bytes (the gzip-compressed
 * GraphiQL page), which API Gateway decodes before sending; every other answer is text (JSON).
 */
record HttpResult(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    /** A text answer. */
    HttpResult(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }
}
