package com.tenantgraph.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The formats of tenant and user ids: what may appear inside a key (no delimiter, ASCII only, bounded). */
class TenantIdTest {

    static String[] goodTenants() {
        return new String[] {"t1", "T", "acme", "Acme-Corp_2", "0", "a" + "b".repeat(63)};
    }

    static String[] badTenants() {
        return new String[] {"t#1", "#", "t1#", "a" + "b".repeat(64), "tënant", "租户", "t 1", " t1", "t1 ", "t1\n",
                "-t1", "_t1", "t.1", "t/1", "t:1", "t1\u0000", "ｔ1"};
    }

    static String[] goodUsers() {
        return new String[] {"0f8fad5b-d9cb-469f-a165-70867728950e", "u", "_x", "-", "A_b-9",
                "u".repeat(128)};
    }

    static String[] badUsers() {
        return new String[] {"u#1", "#", "u".repeat(129), "üser", "用户", "u 1", " u", "u\t", "u.1", "u@x", "u:1",
                "u\u200b"};
    }

    @ParameterizedTest
    @MethodSource("goodTenants")
    void tenantId_accepts_wellFormedValues(String value) {
        // GIVEN a well-formed tenant id
        // WHEN it is made a TenantId
        TenantId id = TenantId.of(value);

        // THEN it keeps the value, and the authorizer's check agrees
        assertThat(id.value()).isEqualTo(value);
        assertThat(id).hasToString(value);
        assertThat(TenantId.isWellFormed(value)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("badTenants")
    void tenantId_rejects_delimiterEmptyTooLongNullUnicodeAndSpaces(String value) {
        // GIVEN a malformed tenant id
        // WHEN it is made a TenantId
        // THEN refused, and the authorizer's check agrees
        assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(value));
        assertThat(TenantId.isWellFormed(value)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("goodUsers")
    void userId_accepts_wellFormedValues(String value) {
        // GIVEN a well-formed user id (a Cognito sub is a UUID)
        // WHEN it is made a UserId
        UserId id = UserId.of(value);

        // THEN it keeps the value
        assertThat(id.value()).isEqualTo(value);
        assertThat(id).hasToString(value);
        assertThat(UserId.isWellFormed(value)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("badUsers")
    void userId_rejects_delimiterEmptyTooLongNullUnicodeAndSpaces(String value) {
        // GIVEN a malformed user id
        // WHEN it is made a UserId
        // THEN refused
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of(value));
        assertThat(UserId.isWellFormed(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"t1", "Acme-Corp_2"})
    void tenantId_isEqualByValue(String value) {
        // GIVEN two TenantIds of one value
        // WHEN compared
        // THEN equal (they are used as map keys and compared across items)
        assertThat(TenantId.of(value)).isEqualTo(new TenantId(value)).hasSameHashCodeAs(new TenantId(value));
        assertThat(TenantId.of(value)).isNotEqualTo(TenantId.of(value + "2"));
    }
}
