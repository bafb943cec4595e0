package com.tenantgraph.local.gateway;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading the JSON answers of Lambda functions (as maps, lists and scalars) with API Gateway's strictness: each
 * accessor names what it expected, so a malformed answer explains itself in the access log.
 */
final class JsonValues {
    private static final JSON JSON_READER = JSON.std;

    private JsonValues() {
    }

    static Object parse(byte[] json) throws MalformedAnswerException {
        try {
            return JSON_READER.anyFrom(json);
        } catch (IOException e) {
            throw new MalformedAnswerException("the answer is not JSON");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String what) throws MalformedAnswerException {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new MalformedAnswerException(what + " is not a JSON object");
    }

    /** A JSON object, or an empty one for {@code null}. */
    static Map<String, Object> optionalObject(Object value, String what) throws MalformedAnswerException {
        return value == null ? Map.of() : object(value, what);
    }

    static String string(Object value, String what) throws MalformedAnswerException {
        if (value instanceof String string) {
            return string;
        }
        throw new MalformedAnswerException(what + " is not a string");
    }

    /** A string or an array of strings, as IAM allows for Action and Resource. */
    static List<String> stringOrStrings(Object value, String what) throws MalformedAnswerException {
        if (value instanceof String string) {
            return List.of(string);
        }
        if (!(value instanceof List<?> list)) {
            throw new MalformedAnswerException(what + " is neither a string nor an array of strings");
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object element : list) {
            strings.add(string(element, what + " element"));
        }
        return strings;
    }

    /** True for the values API Gateway accepts in an authorizer context: string, number, boolean. */
    static boolean isPrimitive(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
