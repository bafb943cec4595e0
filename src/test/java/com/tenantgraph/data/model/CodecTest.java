package com.tenantgraph.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CodecTest {
    static Stream<Arguments> storedForms() {
        return Stream.of(
                Arguments.of(Codec.STRING, "héllo", AttributeValue.fromS("héllo")),
                Arguments.of(Codec.LONG, 12_345_678_901L, AttributeValue.fromN("12345678901")),
                Arguments.of(Codec.LONG, -1L, AttributeValue.fromN("-1")),
                Arguments.of(Codec.INT, 42, AttributeValue.fromN("42")),
                Arguments.of(Codec.BOOLEAN, true, AttributeValue.fromBool(true)),
                Arguments.of(Codec.BOOLEAN, false, AttributeValue.fromBool(false)),
                // fixed width: a zero fraction is kept, so string order stays time order
                Arguments.of(Codec.INSTANT, Instant.parse("2026-11-25T21:08:53Z"),
                        AttributeValue.fromS("2026-11-25T21:08:53.000Z")),
                Arguments.of(Codec.DATE, LocalDate.parse("2026-12-24"), AttributeValue.fromS("2026-12-24")),
                Arguments.of(Codec.TENANT_ID, TenantId.of("acme"), AttributeValue.fromS("acme")),
                Arguments.of(Codec.USER_ID, UserId.of("u-1"), AttributeValue.fromS("u-1")),
                Arguments.of(Codec.STRING_LIST, List.of("b", "a", "b"), AttributeValue.fromL(List.of(
                        AttributeValue.fromS("b"), AttributeValue.fromS("a"), AttributeValue.fromS("b")))),
                Arguments.of(Codec.STRING_LIST, List.of(), AttributeValue.fromL(List.of())),
                Arguments.of(Codec.enumOf(Plan.class), Plan.FREE, AttributeValue.fromS("FREE")));
    }

    @ParameterizedTest
    @MethodSource("storedForms")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void eachCodec_writesItsStoredForm_andReadsItBack(Codec codec, Object value, AttributeValue stored) {
        assertThat(codec.write(value)).isEqualTo(stored);
        assertThat(codec.read(stored)).isEqualTo(value);
    }

    @Test
    void aStringList_readsBackUnmodifiable() {
        List<String> read = Codec.STRING_LIST.read(AttributeValue.fromL(List.of(AttributeValue.fromS("x"))));
        assertThatThrownBy(() -> read.add("y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEnum_storedUnderAnUnknownName_isRefused() {
        assertThatThrownBy(() -> Codec.enumOf(Plan.class).read(AttributeValue.fromS("PLATINUM")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBuiltInCodec_isChosenForItsType() {
        Set<Codec.Plain> chosen = EnumSet.noneOf(Codec.Plain.class);
        for (Class<?> type : List.of(String.class, Long.class, long.class, Integer.class, int.class, Boolean.class,
                boolean.class, Instant.class, LocalDate.class, TenantId.class, UserId.class)) {
            chosen.add((Codec.Plain) Codec.forType(type, type));
        }
        chosen.add((Codec.Plain) Codec.forType(List.class, Holder.STRINGS.getGenericType()));
        assertThat(chosen).isEqualTo(EnumSet.allOf(Codec.Plain.class));
        assertThat(Codec.forType(Plan.class, Plan.class).read(AttributeValue.fromS("FREE"))).isEqualTo(Plan.FREE);
        assertThat(Codec.forType(List.class, Holder.NUMBERS.getGenericType())).isNull();
    }

    /** Fields whose generic types stand for a record component's. */
    private static final class Holder {
        static final java.lang.reflect.Field STRINGS;
        static final java.lang.reflect.Field NUMBERS;
        List<String> strings = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();

        static {
            try {
                STRINGS = Holder.class.getDeclaredField("strings");
                NUMBERS = Holder.class.getDeclaredField("numbers");
            } catch (NoSuchFieldException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
