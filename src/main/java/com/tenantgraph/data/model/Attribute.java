package com.tenantgraph.data.model;

import com.tenantgraph.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One attribute of an entity, declared once: its stored name, its codec, how to get it from the entity, and its
 * validation rules. The stored name is also the name of the GraphQL input field it comes from, so a rule that fails
 * is BAD_USER_INPUT naming that field. A null value is not stored (the attribute is absent).
 */
public final class Attribute<T, V> {
    private final String name;
    private final Codec<V> codec;
    private final Function<T, V> getter;
    private final boolean required;
    private final List<Rule<V>> rules;

    private record Rule<V>(Predicate<V> holds, String message) {
    }

    private Attribute(String name, Codec<V> codec, Function<T, V> getter, boolean required, List<Rule<V>> rules) {
        this.name = name;
        this.codec = codec;
        this.getter = getter;
        this.required = required;
        this.rules = List.copyOf(rules);
    }

    public static <T, V> Attribute<T, V> of(String name, Codec<V> codec, Function<T, V> getter) {
        return new Attribute<>(name, codec, getter, false, List.of());
    }

    /** The same attribute, which must be present. */
    public Attribute<T, V> required() {
        return new Attribute<>(name, codec, getter, true, rules);
    }

    /** The same attribute with one more rule. */
    public Attribute<T, V> rule(Predicate<V> holds, String message) {
        List<Rule<V>> more = new ArrayList<>(rules);
        more.add(new Rule<>(holds, message));
        return new Attribute<>(name, codec, getter, required, more);
    }

    public String name() {
        return name;
    }

    public V get(T entity) {
        return getter.apply(entity);
    }

    /** Checks one value against the rules; BAD_USER_INPUT naming this attribute's field when one fails. */
    public void validate(V value) {
        if (value == null) {
            if (required) {
                throw ApiException.badInput(name, name + " is required");
            }
            return;
        }
        if (!storable(value)) {
            throw ApiException.badInput(name, name + ": " + Rules.NOT_STORABLE);
        }
        for (Rule<V> rule : rules) {
            if (!rule.holds().test(value)) {
                throw ApiException.badInput(name, name + ": " + rule.message());
            }
        }
    }

    private static boolean storable(Object value) {
        if (value instanceof String text) {
            return Rules.storable(text);
        }
        if (value instanceof java.util.Collection<?> values) {
            return values.stream().allMatch(Attribute::storable);
        }
        return true;
    }

    void write(T entity, Map<String, AttributeValue> item) {
        V value = getter.apply(entity);
        if (value != null) {
            item.put(name, codec.write(value));
        }
    }

    /** The value in a stored item, or null when absent. */
    public V read(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(name);
        return value == null || Boolean.TRUE.equals(value.nul()) ? null : codec.read(value);
    }

    public AttributeValue encode(V value) {
        return codec.write(value);
    }
}
