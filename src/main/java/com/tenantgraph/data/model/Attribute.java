package com.tenantgraph.data.model;

import com.tenantgraph.errors.ApiException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One attribute of an entity: a record component, stored under its own name (unless the schema says otherwise) with
 * the codec of its type. The schema adds what the type cannot say: required, a default, read-only, validation rules.
 * The stored name is also the GraphQL input field the value comes from, so a rule that fails is BAD_USER_INPUT naming
 * that field. A null value is not stored (the attribute is absent); an absent attribute reads as its default.
 */
public final class Attribute {
    private final String component;
    private final Class<?> type;
    private final Method accessor;
    private final Spec<?> spec;
    private final Codec<Object> codec;

    @SuppressWarnings("unchecked")
    Attribute(RecordComponent component, Spec<?> spec) {
        this.component = component.getName();
        this.type = component.getType();
        this.accessor = component.getAccessor();
        this.spec = spec;
        Codec<?> codec = spec.codec != null ? spec.codec : Codec.forType(type, component.getGenericType());
        if (codec == null && spec.stored) {
            throw new IllegalStateException(this.component + ": no codec for " + type.getSimpleName()
                    + "; name one in the schema");
        }
        this.codec = (Codec<Object>) codec;
    }

    String component() {
        return component;
    }

    /** The stored attribute name. */
    String name() {
        return spec.storedAs != null ? spec.storedAs : component;
    }

    boolean stored() {
        return spec.stored;
    }

    boolean required() {
        return spec.required && spec.stored;
    }

    boolean readOnly() {
        return spec.readOnly;
    }

    Object get(Object entity) {
        try {
            return accessor.invoke(entity);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    /** Checks the entity's value against the rules; BAD_USER_INPUT naming this attribute's field when one fails. */
    @SuppressWarnings("unchecked")
    void validate(Object entity) {
        validateValue(get(entity));
    }

    @SuppressWarnings("unchecked")
    void validateValue(Object value) {
        if (value == null) {
            if (spec.required && spec.defaultValue == null) {
                throw ApiException.badInput(name(), name() + " is required");
            }
            return;
        }
        if (!storable(value)) {
            throw ApiException.badInput(name(), name() + ": " + Rules.NOT_STORABLE);
        }
        for (Rule<?> rule : spec.rules) {
            if (!((Predicate<Object>) rule.holds()).test(value)) {
                throw ApiException.badInput(name(), name() + ": " + rule.message());
            }
        }
    }

    private static boolean storable(Object value) {
        if (value instanceof String text) {
            return Rules.storable(text);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().allMatch(Attribute::storable);
        }
        return true;
    }

    void write(Object entity, Map<String, AttributeValue> item) {
        Object value = get(entity);
        if (value == null) {
            value = spec.defaultValue;
        }
        if (value != null && spec.stored && !(spec.omitEmpty && value instanceof Collection<?> c && c.isEmpty())) {
            item.put(name(), codec.write(value));
        }
    }

    /** The value in a stored item: its default (or a primitive's zero) when absent or not stored. */
    Object read(Map<String, AttributeValue> item) {
        AttributeValue value = spec.stored ? item.get(name()) : null;
        if (value != null && !Boolean.TRUE.equals(value.nul())) {
            return codec.read(value);
        }
        if (spec.defaultValue != null) {
            return spec.defaultValue;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return type == boolean.class ? Boolean.FALSE : null;
    }

    AttributeValue encode(Object value) {
        return codec.write(value);
    }

    record Rule<V>(Predicate<V> holds, String message) {
    }

    /**
     * What a schema declares about one attribute beyond its type: required, a default, read-only (never changes after
     * create), validation rules, another stored name, a codec, or not stored at all.
     */
    public static final class Spec<V> {
        private boolean required;
        private boolean readOnly;
        private boolean stored = true;
        private boolean omitEmpty;
        private V defaultValue;
        private String storedAs;
        private Codec<V> codec;
        private final List<Rule<V>> rules = new ArrayList<>();

        Spec() {
        }

        public Spec<V> required() {
            this.required = true;
            return this;
        }

        public Spec<V> readOnly() {
            this.readOnly = true;
            return this;
        }

        /** The value written when the entity's is null, and read when the attribute is absent. */
        public Spec<V> defaultValue(V value) {
            this.defaultValue = value;
            return this;
        }

        public Spec<V> rule(Predicate<V> holds, String message) {
            rules.add(new Rule<>(holds, message));
            return this;
        }

        public Spec<V> storedAs(String name) {
            this.storedAs = name;
            return this;
        }

        public Spec<V> codec(Codec<V> codec) {
            this.codec = codec;
            return this;
        }

        /** An empty collection is not stored (it reads back as the default). */
        public Spec<V> omitEmpty() {
            this.omitEmpty = true;
            return this;
        }

        /** A field of the record that is not part of the item (it reads as its default). */
        public Spec<V> notStored() {
            this.stored = false;
            return this;
        }
    }
}
