package com.tenantgraph.local.lambda;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error documents the Lambda Java runtime sends for a failed invocation: {@code errorMessage}, {@code errorType}
 * (the exception's class name) and {@code stackTrace} (one string per frame), or Lambda's own error for an answer
 * over the size limit.
 */
final class FunctionErrors {
    private FunctionErrors() {
    }

    static InvocationResult.FunctionError of(Throwable error) {
        List<String> stackTrace = Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).toList();
        return document(error.getClass().getName(), error.getMessage(), stackTrace);
    }

    static InvocationResult.FunctionError responseTooLarge(int limit) {
        return document("Function.ResponseSizeTooLarge",
                "Response payload size exceeded maximum allowed payload size (" + limit + " bytes).", null);
    }

    private static InvocationResult.FunctionError document(String type, String message, List<String> stackTrace) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errorMessage", message);
        json.put("errorType", type);
        json.put("stackTrace", stackTrace);
        try {
            return new InvocationResult.FunctionError(type, message, JSON.std.asBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a function error document", e);
        }
    }
}
