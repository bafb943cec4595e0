package com.tenantgraph.data.model;

import com.tenantgraph.data.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How one kind of value is stored in an attribute. A closed set: strings, numbers, fixed-width timestamps
 * ({@link Timestamps}), ISO dates, enums by name and lists of strings; that is all this domain stores.
 */
public interface Codec<V> {
    AttributeValue write(V value);

    V read(AttributeValue value);

    Codec<String> STRING = of(AttributeValue::fromS, AttributeValue::s);
    Codec<Long> LONG = of(v -> AttributeValue.fromN(Long.toString(v)), a -> Long.parseLong(a.n()));
    /** Every timestamp goes through {@link Timestamps}: fixed width, millisecond precision, string order = time. */
    Codec<Instant> INSTANT = of(Timestamps.CONVERTER::transformFrom, Timestamps.CONVERTER::transformTo);
    /** ISO {@code yyyy-MM-dd}, whose string order is date order. */
    Codec<LocalDate> DATE = of(d -> AttributeValue.fromS(d.toString()), a -> LocalDate.parse(a.s()));
    /** An ordered list of strings (a string set could neither be empty nor keep the caller's order). */
    Codec<List<String>> STRING_LIST = of(
            l -> AttributeValue.fromL(l.stream().map(AttributeValue::fromS).toList()),
            a -> a.l().stream().map(AttributeValue::s).toList());

    static <E extends Enum<E>> Codec<E> enumOf(Class<E> type) {
        return of(e -> AttributeValue.fromS(e.name()), a -> Enum.valueOf(type, a.s()));
    }

    static <V> Codec<V> of(java.util.function.Function<V, AttributeValue> writer,
                           java.util.function.Function<AttributeValue, V> reader) {
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
