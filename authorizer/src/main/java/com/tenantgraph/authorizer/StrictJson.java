package com.tenantgraph.authorizer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict RFC 8259 parser for the JSON found in JOSE headers, JWT claims and JWK sets.
 *
 * <p>Why our own: the verification policy refuses objects with duplicate member names (a classic JWT confusion:
 * two parsers reading different values of the same claim), and general-purpose parsers either keep the last value
 * silently or make it a configuration detail we would have to trust. This one refuses duplicates (compared after
 * unescaping, so {@code "a"} and {@code "\u0061"} collide), invalid UTF-8, lone surrogates, unescaped control
 * characters, leading zeros, trailing content and nesting deeper than {@value #MAX_DEPTH}; it is also faster than a
 * reflective mapper for the few hundred bytes of a token, which matters on the request path.
 *
 * <p>Values: objects become {@code Map<String, Object>}, arrays {@code List<Object>}, strings {@code String},
 * {@code true}/{@code false} {@code Boolean}, {@code null} a {@link #NULL} marker (so "absent" and "null" differ),
 * integers without fraction or exponent that fit a {@code long} become {@code Long}, every other number a
 * {@code Double}.
 */
final class StrictJson {

    /** The JSON literal {@code null}, distinct from an absent member. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 16;

    /** Why a text was refused; {@link #duplicateMember} tells the duplicate-name rule apart from plain bad syntax. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean duplicateMember;

        JsonException(String message, boolean duplicateMember) {
            super(message, null, false, false);
            this.duplicateMember = duplicateMember;
        }

        boolean duplicateMember() {
            return duplicateMember;
        }
    }

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses UTF-8 bytes whose top-level value must be an object. */
    static Map<String, Object> parseObject(byte[] utf8) throws JsonException {
        return parseObject(decodeUtf8(utf8));
    }

    /** Parses a text whose top-level value must be an object. */
    static Map<String, Object> parseObject(String text) throws JsonException {
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw new JsonException("top-level value is not an object", false);
        }
        Map<String, Object> object = parser.readObject(1);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw new JsonException("trailing content", false);
        }
        return object;
    }

    private static String decodeUtf8(byte[] bytes) throws JsonException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("invalid UTF-8", false);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private Object readValue(int depth) throws JsonException {
        char c = peek();
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                return readLiteral("true", Boolean.TRUE);
            case 'f':
                return readLiteral("false", Boolean.FALSE);
            case 'n':
                return readLiteral("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw new JsonException("unexpected character", false);
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> members = new HashMap<>(depth == 1 ? 32 : 8); // a token's claims fit without a resize
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("member name expected", false);
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = readValue(depth);
            if (members.putIfAbsent(name, value) != null) {
                throw new JsonException("duplicate member", true);
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw new JsonException("',' or '}' expected", false);
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return elements;
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return elements;
            }
            if (c != ',') {
                throw new JsonException("',' or ']' expected", false);
            }
        }
    }

    private String readString() throws JsonException {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            checkStringChar(c);
            pos++;
        }
        StringBuilder sb = new StringBuilder(text.length() - start).append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                checkStringChar(c);
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> appendUnicodeEscape(sb);
                default -> throw new JsonException("invalid escape", false);
            }
        }
    }

    private static void checkStringChar(char c) throws JsonException {
        if (c < 0x20) {
            throw new JsonException("unescaped control character", false);
        }
    }

    private void appendUnicodeEscape(StringBuilder sb) throws JsonException {
        char c = readHex4();
        if (Character.isLowSurrogate(c)) {
            throw new JsonException("lone low surrogate", false);
        }
        if (Character.isHighSurrogate(c)) {
            if (next() != '\\' || next() != 'u') {
                throw new JsonException("lone high surrogate", false);
            }
            char low = readHex4();
            if (!Character.isLowSurrogate(low)) {
                throw new JsonException("lone high surrogate", false);
            }
            sb.append(c).append(low);
            return;
        }
        sb.append(c);
    }

    private char readHex4() throws JsonException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw new JsonException("invalid \\u escape", false);
            }
            value = (value << 4) | digit;
        }
        return (char) value;
    }

    private Object readNumber() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        char first = next();
        if (first == '0') {
            if (isDigit(peek())) {
                throw new JsonException("leading zero", false);
            }
        } else if (first < '1' || first > '9') {
            throw new JsonException("digit expected", false);
        } else {
            skipDigits();
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            requireDigit();
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigit();
            skipDigits();
        }
        if (integral) {
            boolean negative = text.charAt(start) == '-';
            int digitsStart = negative ? start + 1 : start;
            if (pos - digitsStart <= 18) {
                long value = 0;
                for (int i = digitsStart; i < pos; i++) {
                    value = value * 10 + (text.charAt(i) - '0');
                }
                return negative ? -value : value;
            }
        }
        // Fractions, exponents and integers beyond 18 digits: rare in tokens, and refused as NumericDates anyway.
        return Double.parseDouble(text.substring(start, pos));
    }

    private void requireDigit() throws JsonException {
        if (!isDigit(peek())) {
            throw new JsonException("digit expected", false);
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object readLiteral(String literal, Object value) throws JsonException {
        if (!text.startsWith(literal, pos)) {
            throw new JsonException("invalid literal", false);
        }
        pos += literal.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char expected) throws JsonException {
        if (next() != expected) {
            throw new JsonException("'" + expected + "' expected", false);
        }
    }

    /** The current character, or U+FFFF at the end (never valid where a token is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private char next() throws JsonException {
        if (pos >= text.length()) {
            throw new JsonException("unexpected end", false);
        }
        return text.charAt(pos++);
    }

    private static void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nesting too deep", false);
        }
    }
}
