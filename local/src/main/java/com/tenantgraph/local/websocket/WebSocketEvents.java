package com.tenantgraph.local.websocket;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON events API Gateway's WebSocket API sends a Lambda proxy integration: {@code $connect} (eventType CONNECT,
 * with the handshake's headers and query), a message (eventType MESSAGE, with the body and a messageId) and
 * {@code $disconnect} (eventType DISCONNECT, with the close code and reason). Every event's {@code requestContext}
 * has routeKey, eventType, connectionId, connectedAt, domainName, stage, apiId, requestId, requestTime(Epoch),
 * messageDirection and identity; the handler deserializes it as {@code APIGatewayV2WebSocketEvent}.
 */
final class WebSocketEvents {
    static final String API_ID = "local";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** What every event of one connection shares. */
    record ConnectionInfo(String connectionId, Instant connectedAt, String domainName, String stage, String sourceIp,
                          String userAgent) {
    }

    private WebSocketEvents() {
    }

    static byte[] connect(ConnectionInfo connection, Handshake handshake, String requestId) {
        Map<String, Object> event = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        handshake.headers().forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
        event.put("headers", headers);
        event.put("multiValueHeaders", handshake.headers());
        if (!handshake.query().isEmpty()) {
            Map<String, String> query = new LinkedHashMap<>();
            handshake.query().forEach((name, values) -> query.put(name, values.get(values.size() - 1)));
            event.put("queryStringParameters", query);
            event.put("multiValueQueryStringParameters", handshake.query());
        }
        event.put("requestContext", context(connection, "$connect", "CONNECT", requestId));
        event.put("isBase64Encoded", false);
        return json(event);
    }

    static byte[] message(ConnectionInfo connection, String routeKey, String body, boolean base64, String requestId) {
        Map<String, Object> context = context(connection, routeKey, "MESSAGE", requestId);
        context.put("messageId", UUID.randomUUID().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return json(event);
    }

    static byte[] disconnect(ConnectionInfo connection, int statusCode, String reason, String requestId) {
        Map<String, Object> context = context(connection, "$disconnect", "DISCONNECT", requestId);
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("headers", Map.of("Host", connection.domainName()));
        event.put("multiValueHeaders", Map.of("Host", List.of(connection.domainName())));
        event.put("requestContext", context);
        event.put("isBase64Encoded", false);
        return json(event);
    }

    private static Map<String, Object> context(ConnectionInfo connection, String routeKey, String eventType,
                                               String requestId) {
        Instant now = Instant.now();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", connection.stage());
        context.put("connectedAt", connection.connectedAt().toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", connection.sourceIp());
        if (connection.userAgent() != null) {
            identity.put("userAgent", connection.userAgent());
        }
        context.put("identity", identity);
        context.put("requestId", requestId);
        context.put("domainName", connection.domainName());
        context.put("connectionId", connection.connectionId());
        context.put("apiId", API_ID);
        return context;
    }

    static byte[] json(Object value) {
        try {
            return JSON.std.asBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
