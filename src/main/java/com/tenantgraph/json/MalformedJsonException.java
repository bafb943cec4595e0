package com.tenantgraph.json;

/**
 * Text that {@link Json#parse} refuses. The message says what is wrong and where (line and column), for example
 * {@code unexpected character '}', expected a string key at line 1, column 9}: callers put it after their own
 * sentence ("The request body is not valid JSON: ...").
 */
public final class MalformedJsonException extends IllegalArgumentException {
    MalformedJsonException(String message) {
        super(message);
    }
}
