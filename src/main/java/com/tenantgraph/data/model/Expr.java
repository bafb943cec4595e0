package com.tenantgraph.data.model;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition or update expression with its placeholders, written out at the call site (conditional writes stay
 * explicit: {@code Expr.of("#v = :v AND attribute_not_exists(deletedAt)").name("#v", "version").value(":v", 3)}).
 */
public final class Expr {
    private final String text;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    private Expr(String text) {
        this.text = text;
    }

    public static Expr of(String text) {
        return new Expr(text);
    }

    public Expr name(String placeholder, String attribute) {
        names.put(placeholder, attribute);
        return this;
    }

    public Expr value(String placeholder, String value) {
        values.put(placeholder, AttributeValue.fromS(value));
        return this;
    }

    public Expr value(String placeholder, long value) {
        values.put(placeholder, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    public Expr value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    public String text() {
        return text;
    }

    /** Null when empty, as the SDK wants absent maps. */
    public Map<String, String> names() {
        return names.isEmpty() ? null : Map.copyOf(names);
    }

    public Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : Map.copyOf(values);
    }

    /** Both expressions' placeholders together (an update expression and its condition share the maps). */
    static Map<String, String> names(Expr a, Expr b) {
        Map<String, String> all = new HashMap<>(a.names);
        if (b != null) {
            all.putAll(b.names);
        }
        return all.isEmpty() ? null : all;
    }

    static Map<String, AttributeValue> values(Expr a, Expr b) {
        Map<String, AttributeValue> all = new HashMap<>(a.values);
        if (b != null) {
            all.putAll(b.values);
        }
        return all.isEmpty() ? null : all;
    }
}
