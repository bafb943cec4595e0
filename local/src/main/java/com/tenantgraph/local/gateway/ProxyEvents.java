package com.tenantgraph.local.gateway;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Lambda proxy integration event (payload format 1.0) a REST API sends its function, as JSON: single- and
 * multi-value headers and query parameters ({@code null} when there are none), the body (base64 with
 * {@code isBase64Encoded} true when the API declares every media type binary, as template.yaml does; else as text),
 * and a request context with the request id,
 * stage, resource, method, source IP, request time and, for a method behind the authorizer, the authorizer's context
 * (a method without one has no {@code authorizer} in its request context).
 */
final class ProxyEvents {
    private static final JSON JSON_WITH_NULLS = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ProxyEvents() {
    }

    /**
     * @param authorizer   the authorizer's context, or null for a method without an authorizer
     * @param binaryBodies the API's BinaryMediaTypes is every type: the body goes base64-encoded
     */
    static byte[] event(GatewayRequest request, String resource, Map<String, List<String>> query, String stage,
                        Map<String, String> authorizer, boolean binaryBodies) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", resource);
        event.put("path", request.path());
        event.put("httpMethod", request.method());
        event.put("headers", lastValues(request.headers()));
        event.put("multiValueHeaders", nullIfEmpty(request.headers()));
        event.put("queryStringParameters", lastValues(query));
        event.put("multiValueQueryStringParameters", nullIfEmpty(query));
        event.put("pathParameters", null);
        event.put("stageVariables", null);
        event.put("requestContext", requestContext(request, resource, stage, authorizer));
        boolean base64 = binaryBodies && request.body().length > 0;
        event.put("body", request.body().length == 0 ? null : base64
                ? Base64.getEncoder().encodeToString(request.body())
                : new String(request.body(), StandardCharsets.UTF_8));
        event.put("isBase64Encoded", base64);
        try {
            return JSON_WITH_NULLS.asBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the proxy event", e);
        }
    }

    private static Map<String, Object> requestContext(GatewayRequest request, String resource, String stage,
                                                      Map<String, String> authorizer) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", request.lastHeader("User-Agent"));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", LocalApi.ACCOUNT_ID);
        context.put("apiId", LocalApi.API_ID);
        context.put("resourcePath", resource);
        context.put("httpMethod", request.method());
        context.put("path", "/" + stage + request.path());
        context.put("stage", stage);
        context.put("requestId", request.requestId());
        context.put("requestTime", REQUEST_TIME.format(request.receivedAt()));
        context.put("requestTimeEpoch", request.receivedAt().toEpochMilli());
        context.put("protocol", request.protocol());
        context.put("domainName", request.lastHeader("Host"));
        context.put("identity", identity);
        if (authorizer != null) {
            context.put("authorizer", authorizer);
        }
        return context;
    }

    private static Map<String, String> lastValues(Map<String, List<String>> multiValues) {
        if (multiValues.isEmpty()) {
            return null;
        }
        Map<String, String> lastValues = new LinkedHashMap<>();
        multiValues.forEach((name, values) -> lastValues.put(name, values.get(values.size() - 1)));
        return lastValues;
    }

    private static Map<String, List<String>> nullIfEmpty(Map<String, List<String>> multiValues) {
        return multiValues.isEmpty() ? null : multiValues;
    }
}
