package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision log's JSON string escaping: the same rule as the GraphQL Lambda's JsonLineLayout. */
class DecisionLogEscapeTest {
    private static final java.util.function.BiConsumer<StringBuilder, String> ESCAPER = DecisionLog::appendEscaped;

    /** Each case: what it is, the text, and its escaped form. */
    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("quote", "a\"b", "a\\\"b"),
                Arguments.of("backslash", "a\\b", "a\\\\b"),
                Arguments.of("newline", "a\nb", "a\\nb"),
                Arguments.of("carriage return", "a\rb", "a\\rb"),
                Arguments.of("tab", "a\tb", "a\\tb"),
                Arguments.of("NUL", "a" + (char) 0 + "b", "a\\u0000b"),
                Arguments.of("unit separator", "a" + (char) 0x1f + "b", "a\\u001fb"),
                Arguments.of("line separator", "a" + (char) 0x2028 + "b", "a\\u2028b"),
                Arguments.of("paragraph separator", "a" + (char) 0x2029 + "b", "a\\u2029b"),
                Arguments.of("DEL is kept", "a" + (char) 0x7f + "b", "a" + (char) 0x7f + "b"),
                Arguments.of("non-ASCII is kept", "\u00e9t\u00e9 \ud83d\ude00", "\u00e9t\u00e9 \ud83d\ude00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void appendEscaped_escapesControlCharactersAndLineSeparators_only(String name, String text, String escaped) {
        // WHEN a string is escaped
        StringBuilder out = new StringBuilder();
        ESCAPER.accept(out, text);

        // THEN the control characters and U+2028/U+2029 are escaped, everything else is kept
        assertThat(out.toString()).isEqualTo(escaped);
    }
}
