package com.tenantgraph.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a Lambda proxy answer ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body},
 * {@code isBase64Encoded}) into the HTTP response, as a REST API does: a missing or invalid status code, a non-string
 * body or bad base64 makes the answer malformed (502); a name in both header maps takes the multi-value list; without
 * a Content-Type the response is {@code application/json}. Framing headers (Content-Length, Transfer-Encoding,
 * Connection) are the server's to set and are dropped from the answer.
 */
final class ProxyResponses {
    private static final Set<String> FRAMING_HEADERS = caseInsensitive("Content-Length", "Transfer-Encoding",
            "Connection");

    private ProxyResponses() {
    }

    static GatewayHttpResponse read(byte[] answer) throws MalformedAnswerException {
        Map<String, Object> root = JsonValues.object(JsonValues.parse(answer), "the proxy answer");
        int status = statusCode(root.get("statusCode"));
        Map<String, List<String>> headers = headers(root.get("headers"), root.get("multiValueHeaders"));
        byte[] body = body(root.get("body"), root.get("isBase64Encoded"));
        return new GatewayHttpResponse(status, headers, body);
    }

    private static int statusCode(Object value) throws MalformedAnswerException {
        if (value == null) {
            throw new MalformedAnswerException("the proxy answer has no statusCode");
        }
        if (!(value instanceof Integer status) || status < 100 || status > 599) {
            throw new MalformedAnswerException("statusCode is not an HTTP status");
        }
        return status;
    }

    private static Map<String, List<String>> headers(Object single, Object multi) throws MalformedAnswerException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, Object> header : JsonValues.optionalObject(multi, "multiValueHeaders").entrySet()) {
            headers.put(header.getKey(), scalars(header.getValue(), header.getKey()));
        }
        for (Map.Entry<String, Object> header : JsonValues.optionalObject(single, "headers").entrySet()) {
            headers.putIfAbsent(header.getKey(), List.of(scalar(header.getValue(), header.getKey())));
        }
        headers.keySet().removeAll(FRAMING_HEADERS);
        headers.putIfAbsent("Content-Type", List.of("application/json"));
        return headers;
    }

    private static List<String> scalars(Object value, String name) throws MalformedAnswerException {
        if (!(value instanceof List<?> list)) {
            throw new MalformedAnswerException("multiValueHeaders." + name + " is not an array");
        }
        List<String> values = new ArrayList<>(list.size());
        for (Object element : list) {
            values.add(scalar(element, name));
        }
        return values;
    }

    private static String scalar(Object value, String name) throws MalformedAnswerException {
        if (!JsonValues.isPrimitive(value)) {
            throw new MalformedAnswerException("header " + name + " has a value that is not a string");
        }
        return String.valueOf(value);
    }

    private static byte[] body(Object body, Object base64Encoded) throws MalformedAnswerException {
        if (base64Encoded != null && !(base64Encoded instanceof Boolean)) {
            throw new MalformedAnswerException("isBase64Encoded is not a boolean");
        }
        if (body == null) {
            return new byte[0];
        }
        String text = JsonValues.string(body, "body");
        if (!Boolean.TRUE.equals(base64Encoded)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedAnswerException("body is marked isBase64Encoded but is not base64");
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
