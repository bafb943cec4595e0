package com.tenantgraph.subscriptions;

import com.tenantgraph.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The graphql-transport-ws messages the server sends, as JSON text. */
final class Messages {
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
        return Json.write(value);
    }
}
