package com.tenantgraph.data.model;

import com.tenantgraph.data.Timestamps;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
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

    Codec<String> STRING = of(AttributeValue::fromS, AttributeValue::s);
    Codec<Long> LONG = of(v -> AttributeValue.fromN(Long.toString(v)), a -> Long.parseLong(a.n()));
    Codec<Integer> INT = of(v -> AttributeValue.fromN(Integer.toString(v)), a -> Integer.parseInt(a.n()));
    Codec<Boolean> BOOLEAN = of(AttributeValue::fromBool, AttributeValue::bool);
    /** Every timestamp goes through {@link Timestamps}: fixed width, millisecond precision, string order = time. */
    Codec<Instant> INSTANT = of(v -> AttributeValue.fromS(Timestamps.format(v)), a -> Instant.parse(a.s()));
    /** ISO {@code yyyy-MM-dd}, whose string order is date order. */
    Codec<LocalDate> DATE = of(d -> AttributeValue.fromS(d.toString()), a -> LocalDate.parse(a.s()));
    Codec<TenantId> TENANT_ID = of(t -> AttributeValue.fromS(t.value()), a -> TenantId.of(a.s()));
    Codec<UserId> USER_ID = of(u -> AttributeValue.fromS(u.value()), a -> UserId.of(a.s()));
    /** An ordered list of strings (a string set could neither be empty nor keep the caller's order). */
    Codec<List<String>> STRING_LIST = of(
            l -> AttributeValue.fromL(l.stream().map(AttributeValue::fromS).toList()),
            a -> a.l().stream().map(AttributeValue::s).toList());

    Map<Class<?>, Codec<?>> BY_TYPE = Map.ofEntries(Map.entry(String.class, STRING), Map.entry(Long.class, LONG),
            Map.entry(long.class, LONG), Map.entry(Integer.class, INT), Map.entry(int.class, INT),
            Map.entry(Boolean.class, BOOLEAN), Map.entry(boolean.class, BOOLEAN), Map.entry(Instant.class, INSTANT),
            Map.entry(LocalDate.class, DATE), Map.entry(TenantId.class, TENANT_ID), Map.entry(UserId.class, USER_ID));

    static <E extends Enum<E>> Codec<E> enumOf(Class<E> type) {
        return of(e -> AttributeValue.fromS(e.name()), a -> Enum.valueOf(type, a.s()));
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
}
