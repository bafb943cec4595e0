package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nimbus's JSON parser with the checks it does not make, for the header, the claims and the JWKS. */
class StrictJsonTest {

    @Test
    void parseObject_readsEveryValueType() throws Exception {
        // GIVEN an object with every kind of JSON value, escapes and a surrogate pair
        String json = " {\"s\":\"a\\u00e9\\n\\\"\",\"i\":-12,\"big\":123456789012345678901,\"d\":1.5e3,\"t\":true,"
                + "\"f\":false,\"n\":null,\"a\":[1,\"x\",{}],\"o\":{\"k\":[]},\"e\":\"\\ud83d\\ude00\"} ";

        // WHEN parsed / THEN nimbus's parser read the values
        assertThat(StrictJson.parseObject(json)).containsEntry("s", "a\u00e9\n\"").containsEntry("i", -12L)
                .containsEntry("d", 1500.0).containsEntry("t", true).containsEntry("f", false).containsEntry("n", null)
                .containsEntry("a", List.of(1L, "x", Map.of())).containsEntry("o", Map.of("k", List.of()))
                .containsEntry("e", "\ud83d\ude00");
        // an integer beyond a long is no Long, so it can never pass as a NumericDate
        assertThat(StrictJson.parseObject(json).get("big")).isNotInstanceOf(Long.class);
    }

    @Test
    void parseObject_readsUtf8Bytes() throws Exception {
        assertThat(StrictJson.parseObject("{\"name\":\"Zoë 🙂\"}".getBytes(StandardCharsets.UTF_8)))
                .containsEntry("name", "Zoë 🙂");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,\"a\":1}",
        "{\"a\":1,\"b\":2,\"a\":3}",
        "{\"a\":1,\"\\u0061\":2}",
        "{\"o\":{\"x\":1,\"x\":2}}",
        "{\"l\":[{\"x\":1,\"x\":2}]}",
    })
    void parseObject_refusesDuplicateMembers(String json) {
        assertThatThrownBy(() -> StrictJson.parseObject(json))
                .isInstanceOfSatisfying(StrictJson.JsonException.class, e -> assertThat(e.duplicateMember()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "[[\"a\",1]]", "\"x\"", "1", "null",
        "{", "{\"a\":1", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "{\"a\":1}}", "{\"a\":1}x",
        "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":NaN}",
        "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":[1,]}", "{\"a\":[1 2]}",
        "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
        "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"unterminated}", "/*c*/{}", "{}//c", "\ufeff{}",
        "{\"a\":1}\u0000",
    })
    void parseObject_refusesInvalidJson(String json) {
        assertThatThrownBy(() -> StrictJson.parseObject(json))
                .isInstanceOfSatisfying(StrictJson.JsonException.class,
                        e -> assertThat(e.duplicateMember()).isFalse());
    }

    @Test
    void parseObject_refusesInvalidUtf8() {
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'};
        byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        for (byte[] bytes : List.of(overlong, truncated, surrogate)) {
            assertThatThrownBy(() -> StrictJson.parseObject(bytes)).isInstanceOf(StrictJson.JsonException.class);
        }
    }

    @Test
    void parseObject_refusesDeepNesting() {
        String deep = "{\"a\":".repeat(StrictJson.MAX_DEPTH) + "1" + "}".repeat(StrictJson.MAX_DEPTH);
        String tooDeep = "{\"a\":".repeat(StrictJson.MAX_DEPTH + 1) + "1" + "}".repeat(StrictJson.MAX_DEPTH + 1);

        assertThat(catchParse(deep)).isNull();
        assertThatThrownBy(() -> StrictJson.parseObject(tooDeep)).isInstanceOf(StrictJson.JsonException.class);
    }

    private static Exception catchParse(String json) {
        try {
            StrictJson.parseObject(json);
            return null;
        } catch (StrictJson.JsonException e) {
            return e;
        }
    }
}
