package com.tenantgraph.data.model;

import com.tenantgraph.data.Timestamps;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one kind of value is stored in an attribute. A closed set, chosen by the record component's type
 * ({@link #forType}): strings, numbers, booleans, fixed-width timestamps ({@link Timestamps}), ISO dates, enums by name, tenant
 * and user ids as their text, and lists of strings; anything else (a map of counts) names its codec in the schema.
 */
public interface Codec<V> {
    AttributeValue write(V value);

    V read(AttributeValue value);

    Codec<String> STRING = Plain.STRING.typed();
    Codec<Long> LONG = Plain.LONG.typed();
    Codec<Integer> INT = Plain.INT.typed();
    Codec<Boolean> BOOLEAN = Plain.BOOLEAN.typed();
    /** Every timestamp goes through {@link Timestamps}: fixed width, millisecond precision, string order = time. */
    Codec<Instant> INSTANT = Plain.INSTANT.typed();
    /** ISO {@code yyyy-MM-dd}, whose string order is date order. */
    Codec<LocalDate> DATE = Plain.DATE.typed();
    Codec<TenantId> TENANT_ID = Plain.TENANT_ID.typed();
    Codec<UserId> USER_ID = Plain.USER_ID.typed();
    /** An ordered list of strings (a string set could neither be empty nor keep the caller's order). */
    Codec<List<String>> STRING_LIST = Plain.STRING_LIST.typed();

    Map<Class<?>, Codec<?>> BY_TYPE = Map.ofEntries(Map.entry(String.class, STRING), Map.entry(Long.class, LONG),
            Map.entry(long.class, LONG), Map.entry(Integer.class, INT), Map.entry(int.class, INT),
            Map.entry(Boolean.class, BOOLEAN), Map.entry(boolean.class, BOOLEAN), Map.entry(Instant.class, INSTANT),
            Map.entry(LocalDate.class, DATE), Map.entry(TenantId.class, TENANT_ID), Map.entry(UserId.class, USER_ID));

    static <E extends Enum<E>> Codec<E> enumOf(Class<E> type) {
        return new ByName<>(type);
    }

    /** The codec of a record component's type, or null when the schema must name one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Codec<?> forType(Class<?> type, Type generic) {
        if (type.isEnum()) {
            return enumOf((Class) type);
        }
        if (type == List.class && generic instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class) {
            return STRING_LIST;
        }
        return BY_TYPE.get(type);
    }

    static <V> Codec<V> of(Function<V, AttributeValue> writer, Function<AttributeValue, V> reader) {
        return new Codec<>() {
            @Override
            public AttributeValue write(V value) {
                return writer.apply(value);
            }

            @Override
            public V read(AttributeValue value) {
                return reader.apply(value);
            }
        };
    }

    /**
     * The built-in codecs, one class dispatching on its constant. Written as a switch rather than a pair of lambdas
     * each: every lambda is a class the JVM generates when the entity models are built at a cold start (twenty here).
     */
    enum Plain implements Codec<Object> {
        STRING, LONG, INT, BOOLEAN, INSTANT, DATE, TENANT_ID, USER_ID, STRING_LIST;

        /** This codec at the type its constant stands for (the switches below keep the two in step). */
        @SuppressWarnings("unchecked")
        <V> Codec<V> typed() {
            return (Codec<V>) (Codec<?>) this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AttributeValue write(Object value) {
            return switch (this) {
                case STRING -> AttributeValue.fromS((String) value);
                case LONG, INT -> AttributeValue.fromN(value.toString());
                case BOOLEAN -> AttributeValue.fromBool((Boolean) value);
                case INSTANT -> AttributeValue.fromS(Timestamps.format((Instant) value));
                case DATE -> AttributeValue.fromS(((LocalDate) value).toString());
                case TENANT_ID -> AttributeValue.fromS(((TenantId) value).value());
                case USER_ID -> AttributeValue.fromS(((UserId) value).value());
                case STRING_LIST -> {
                    List<String> strings = (List<String>) value;
                    List<AttributeValue> items = new ArrayList<>(strings.size());
                    for (String s : strings) {
                        items.add(AttributeValue.fromS(s));
                    }
                    yield AttributeValue.fromL(items);
                }
            };
        }

        @Override
        public Object read(AttributeValue value) {
            return switch (this) {
                case STRING -> value.s();
                case LONG -> Long.parseLong(value.n());
                case INT -> Integer.parseInt(value.n());
                case BOOLEAN -> value.bool();
                case INSTANT -> Instant.parse(value.s());
                case DATE -> LocalDate.parse(value.s());
                case TENANT_ID -> TenantId.of(value.s());
                case USER_ID -> UserId.of(value.s());
                case STRING_LIST -> {
                    List<String> strings = new ArrayList<>(value.l().size());
                    for (AttributeValue item : value.l()) {
                        strings.add(item.s());
                    }
                    yield Collections.unmodifiableList(strings);
                }
            };
        }
    }

    /** An enum stored by its constant's name. */
    final class ByName<E extends Enum<E>> implements Codec<E> {
        private final Class<E> type;

        ByName(Class<E> type) {
            this.type = type;
        }

        @Override
        public AttributeValue write(E value) {
            return AttributeValue.fromS(value.name());
        }

        @Override
        public E read(AttributeValue value) {
            return Enum.valueOf(type, value.s());
        }
    }
}
