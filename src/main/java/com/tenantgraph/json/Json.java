package com.tenantgraph.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON codec of the GraphQL Lambda: request bodies and {@code variables}, graphql-transport-ws messages, stored
 * subscription variables and the GraphiQL manifest in; responses, messages and the GraphiQL config out. One class
 * with no dependency but the JDK, because JSON here is plain values (maps, lists, strings, numbers, booleans, null)
 * and a library for it costs the cold start: jackson-jr with jackson-core, which this replaces, were 114 classes and
 * 823 KB of class files loaded by the first request (the verifier even loads parser classes that never run). Without
 * them a cold start loads about 110 classes fewer and peaks about 2 MiB lower (77.3 to 75.5 MiB against the floor's
 * 63.9 MiB, medians of fresh JVMs alternated with the floor, docs/benchmarks.md), and the jar is 0.7 MB smaller. The
 * AWS SDK's relocated Jackson is the SDK's own and is not used.
 *
 * <p><b>Reading</b> ({@link #parse}) is RFC 8259, strictly: one value and nothing after it but whitespace; no
 * comments, trailing commas, single quotes, NaN or infinities, leading zeros or unescaped control characters; a
 * duplicate key in one object is refused, as jackson-jr refused it. A {@code \}u escape is one UTF-16 unit, so an
 * escaped surrogate pair is one code point; an unpaired surrogate is kept, as jackson-jr kept it, for the domain's
 * validation to refuse by the field's name (text DynamoDB cannot store, see UnstorableInputIT). Nesting deeper than
 * {@value #MAX_DEPTH} and a number longer than {@value #MAX_NUMBER_LENGTH} characters are refused (jackson-core's
 * limits), so absurd input is a {@link MalformedJsonException} rather than a stack overflow or a quadratic
 * BigInteger. Every refusal says what was expected and where (line and column). Values are exactly the types
 * jackson-jr gave: objects as {@link LinkedHashMap} in document order, arrays as {@link ArrayList}, strings,
 * {@code true}/{@code false} as {@link Boolean}, null; an integer as the smallest of {@link Integer}, {@link Long} and
 * {@link BigInteger} that holds it, and a number with a fraction or an exponent as {@link Double} (1e400 is infinity,
 * as {@link Double#parseDouble} has it), which is what graphql-java's variable coercion was given until now.
 *
 * <p><b>Writing</b> ({@link #write}) takes what the call sites pass: maps (keys as {@link String#valueOf}, null
 * values written), collections and object arrays, strings and characters, booleans, numbers and enums (by
 * {@code toString}, as jackson-jr wrote them). Numbers are written as jackson-jr wrote them, byte for byte:
 * {@link Double#toString} and {@link Float#toString} for finite floating point ({@code 1.0}, {@code 1.0E20}), a
 * quoted {@code "NaN"} or {@code "Infinity"} otherwise, {@code toString} for the others. Strings are escaped as
 * {@link #escape} says; the differences from jackson-jr are in escapes only, so every text reads back the same.
 * Any other type is an {@link IllegalArgumentException}: jackson-jr would have written a bean's getters, which no
 * caller wants in a response.
 */
public final class Json {
    /** The deepest nesting of arrays and objects {@link #parse} accepts (jackson-core's default limit). */
    public static final int MAX_DEPTH = 1000;
    /** The longest number token {@link #parse} accepts, in characters (jackson-core's default limit). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /**
     * One JSON value from {@code text}: a {@code Map<String, Object>}, {@code List<Object>}, {@code String}, number,
     * {@code Boolean} or null.
     *
     * @throws MalformedJsonException if {@code text} is not exactly one JSON value (whitespace aside)
     */
    public static Object parse(String text) {
        Json reader = new Json(text);
        reader.skipWhitespace();
        if (reader.at == text.length()) {
            throw reader.malformed("no JSON value (the text is empty)");
        }
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.at < text.length()) {
            throw reader.malformed("unexpected " + reader.describe(reader.at) + " after the JSON value");
        }
        return value;
    }

    /**
     * One JSON object from {@code text}.
     *
     * @throws MalformedJsonException if {@code text} is not exactly one JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedJsonException("expected a JSON object, found " + kind(value));
        }
        return (Map<String, Object>) value;
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value);
        return out.toString();
    }

    /**
     * Appends {@code text} escaped for the inside of a JSON string: quote, backslash, newline, carriage return and tab
     * as their short escapes, every other control character and U+2028/U+2029 (valid in JSON but line terminators
     * to JavaScript before ES2019 and to some log viewers) as a six-character {@code \}u escape with lowercase hex.
     * Nothing else is escaped. jackson-jr wrote backspace and form feed as short escapes, other control characters
     * with uppercase hex, and U+2028/U+2029 as they are: different bytes, the same string to any JSON reader. Every
     * JSON text this deployable writes (responses, messages, log lines, metrics) escapes so, and the authorizer's
     * decision log does too.
     */
    public static void escape(StringBuilder out, String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String string) {
            string(out, string);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> collection) {
            array(out, collection);
        } else if (value instanceof Object[] array) {
            array(out, Arrays.asList(array));
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number number) {
            number(out, number);
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum<?>) {
            string(out, value.toString());
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void array(StringBuilder out, Collection<?> elements) {
        out.append('[');
        boolean first = true;
        for (Object element : elements) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, element);
        }
        out.append(']');
    }

    private static void number(StringBuilder out, Number number) {
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            string(out, number.toString()); // JSON has no literal for NaN or the infinities
        } else if (number instanceof Integer || number instanceof Long || number instanceof Double
                || number instanceof Float || number instanceof BigInteger || number instanceof BigDecimal
                || number instanceof Short || number instanceof Byte) {
            out.append(number);
        } else {
            throw new IllegalArgumentException("cannot write a " + number.getClass().getName() + " as JSON");
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        escape(out, text);
        out.append('"');
    }

    private Object value(int depth) {
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw malformed("unexpected " + describe(at) + ", expected a JSON value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        enter(depth);
        at++;
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            if (peek() != '"') {
                throw malformed("unexpected " + describe(at) + ", expected a string key");
            }
            int keyAt = at;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            requireValue();
            if (object.containsKey(key)) {
                at = keyAt;
                throw malformed("duplicate key \"" + printable(key) + "\"");
            }
            object.put(key, value(depth));
            skipWhitespace();
            char next = peek();
            at++;
            if (next == '}') {
                return object;
            }
            if (next != ',') {
                at--;
                throw malformed("unexpected " + describe(at) + ", expected ',' or '}'");
            }
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        enter(depth);
        at++;
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            requireValue();
            array.add(value(depth));
            skipWhitespace();
            char next = peek();
            at++;
            if (next == ']') {
                return array;
            }
            if (next != ',') {
                at--;
                throw malformed("unexpected " + describe(at) + ", expected ',' or ']'");
            }
            skipWhitespace();
        }
    }

    private void enter(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH + " arrays and objects");
        }
    }

    private void requireValue() {
        if (at == text.length()) {
            throw malformed("the text ends where a JSON value was expected");
        }
    }

    private String string() {
        int start = ++at;
        StringBuilder decoded = null;
        while (true) {
            if (at == text.length()) {
                at = start - 1;
                throw malformed("a string that is never closed");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String value = decoded == null ? text.substring(start, at) : decoded.toString();
                at++;
                return value;
            }
            if (c < 0x20) {
                throw malformed("an unescaped control character (U+" + hex4(c) + ") in a string");
            }
            if (c == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder(text.length() - start).append(text, start, at);
                }
                escapeSequence(decoded);
            } else {
                if (decoded != null) {
                    decoded.append(c);
                }
                at++;
            }
        }
    }

    /** Appends the escape at {@code at} (its backslash) to {@code out} and moves past it. */
    private void escapeSequence(StringBuilder out) {
        if (at + 1 == text.length()) {
            throw malformed("a string that ends in the middle of an escape");
        }
        char c = switch (text.charAt(at + 1)) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> hexUnit(at + 2);
            default -> throw malformed("an invalid escape \\" + printable(String.valueOf(text.charAt(at + 1)))
                    + " in a string");
        };
        out.append(c);
        at += text.charAt(at + 1) == 'u' ? 6 : 2;
    }

    private char hexUnit(int from) {
        if (from + 4 > text.length()) {
            throw malformed("a \\u escape without four hexadecimal digits");
        }
        int unit = 0;
        for (int i = from; i < from + 4; i++) {
            char c = text.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw malformed("a \\u escape without four hexadecimal digits");
            }
            unit = unit << 4 | digit;
        }
        return (char) unit;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw malformed("an invalid literal (expected " + word + ")");
        }
        at += word.length();
        return value;
    }

    private Number number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
            if (isDigit(peek())) {
                throw malformed("a number with a leading zero");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw malformed("a minus sign without digits");
        }
        boolean integral = true;
        if (peek() == '.') {
            at++;
            if (!isDigit(peek())) {
                throw malformed("a decimal point without digits after it");
            }
            digits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (!isDigit(peek())) {
                throw malformed("an exponent without digits");
            }
            digits();
            integral = false;
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            at = start;
            throw malformed("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        String token = text.substring(start, at);
        if (!integral) {
            return Double.parseDouble(token);
        }
        int digits = token.length() - (token.charAt(0) == '-' ? 1 : 0);
        if (digits <= 18) {
            long value = Long.parseLong(token);
            return value == (int) value ? (Number) (int) value : (Number) value;
        }
        BigInteger value = new BigInteger(token);
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private void digits() {
        while (isDigit(peek())) {
            at++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The character at {@code at}, or 0 at the end of the text (0 is never valid where it is looked at). */
    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw malformed("unexpected " + describe(at) + ", expected '" + c + "'");
        }
        at++;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    private String describe(int position) {
        if (position >= text.length()) {
            return "end of the text";
        }
        char c = text.charAt(position);
        return c < 0x20 || c > 0x7e ? "character U+" + hex4(c) : "character '" + c + "'";
    }

    /** {@code text} with control characters shown as escapes, for a message; at most 40 characters of it. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        escape(out, text.length() > 40 ? text.substring(0, 40) + "..." : text);
        return out.toString();
    }

    private static String hex4(char c) {
        return String.format("%04X", (int) c);
    }

    private static String kind(Object value) {
        if (value instanceof List<?>) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return value == null ? "null" : "a boolean";
    }

    private MalformedJsonException malformed(String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new MalformedJsonException(problem + " at line " + line + ", column " + (at - lineStart + 1));
    }
}
