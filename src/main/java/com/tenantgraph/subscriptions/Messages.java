package com.tenantgraph.subscriptions;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The graphql-transport-ws messages the server sends, as JSON text. */
final class Messages {
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Messages() {
    }

    static String connectionAck() {
        return "{\"type\":\"connection_ack\"}";
    }

    static String pong(Object payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "pong");
        if (payload != null) {
            message.put("payload", payload);
        }
        return json(message);
    }

    static String next(String id, Map<String, Object> payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", "next");
        message.put("payload", payload);
        return json(message);
    }

    static String error(String id, List<Map<String, Object>> errors) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", "error");
        message.put("payload", errors);
        return json(message);
    }

    static String json(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a message", e);
        }
    }
}
