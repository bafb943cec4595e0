package com.tenantgraph.authorizer;

import com.nimbusds.jose.shaded.gson.Strictness;
import com.nimbusds.jose.shaded.gson.stream.JsonReader;
import com.nimbusds.jose.shaded.gson.stream.JsonToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nimbus-jose-jwt's JSON parser ({@link JSONObjectUtils#parse}: Gson in strict mode) for a JOSE header, a claims set
 * or a JWK Set, with the checks it does not make. Gson in strict mode already refuses comments, single quotes,
 * trailing commas, leading zeros, NaN, trailing content and duplicate members at the top level. It lets through, and
 * this refuses: duplicate member names inside nested objects (it keeps the last, so two parsers could read two
 * values of one claim), invalid UTF-8 (nimbus decodes it to U+FFFD), escaped lone surrogates, a byte order mark, a
 * top-level array of pairs (read as an object), and nesting deeper than {@value #MAX_DEPTH}. Member names are
 * compared after unescaping, so {@code "a"} and {@code "\u0061"} collide.
 *
 * <p>Most of these are checked on what nimbus parsed, so a token's JSON is read once. Duplicates below the top level
 * cannot be seen there (the parsed object has only the last value), so when the parsed value holds a nested object,
 * the text is walked with the very tokenizer nimbus parses with (its shaded Gson {@link JsonReader}, strict mode):
 * the walk and the parse cannot disagree on where a string ends or what a name is, so no duplicate can hide in a
 * difference between two JSON readers. The walk also names the reason when nimbus refuses a text.
 */
final class StrictJson {

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

    private StrictJson() {
    }

    /** Parses UTF-8 bytes whose top-level value must be an object. */
    static Map<String, Object> parseObject(byte[] utf8) throws JsonException {
        return parseObject(decodeUtf8(utf8));
    }

    /** Parses a text whose top-level value must be an object. */
    static Map<String, Object> parseObject(String text) throws JsonException {
        if (!text.isEmpty() && text.charAt(0) == '\ufeff') {
            throw new JsonException("byte order mark", false);
        }
        Map<String, Object> parsed;
        try {
            parsed = JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            walk(text); // throws, naming a duplicate member where that was the reason
            throw new JsonException("not strict JSON", false);
        }
        if (parsed == null || text.charAt(firstNonWhitespace(text)) != '{') {
            throw new JsonException("top-level value is not an object", false);
        }
        if (checkValues(parsed, 1)) {
            walk(text);
        }
        return parsed;
    }

    /**
     * Checks depth and strings of a parsed value.
     *
     * @return whether it holds a nested object (whose duplicate members only a walk of the text can find)
     */
    private static boolean checkValues(Object value, int depth) throws JsonException {
        if (value instanceof String text) {
            requireWellFormed(text);
            return false;
        }
        boolean nestedObject = false;
        if (value instanceof Map<?, ?> object) {
            requireDepth(depth);
            nestedObject = depth > 1;
            for (Map.Entry<?, ?> member : object.entrySet()) {
                requireWellFormed((String) member.getKey());
                nestedObject |= checkValues(member.getValue(), depth + 1);
            }
        } else if (value instanceof List<?> array) {
            requireDepth(depth);
            for (Object element : array) {
                nestedObject |= checkValues(element, depth + 1);
            }
        }
        return nestedObject;
    }

    private static void requireDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("nesting deeper than " + MAX_DEPTH, false);
        }
    }

    private static int firstNonWhitespace(String text) {
        int i = 0;
        while (i < text.length() - 1 && " \t\n\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Walks the text with Gson's strict reader, refusing duplicate names at any depth; returns if it is clean. */
    private static void walk(String text) throws JsonException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_DEPTH);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new JsonException("top-level value is not an object", false);
            }
            value(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonException("trailing content", false);
            }
        } catch (IOException | RuntimeException e) { // MalformedJsonException, EOFException; Gson's own errors
            throw new JsonException("not strict JSON: " + e.getClass().getSimpleName(), false);
        }
    }

    private static void value(JsonReader reader) throws IOException, JsonException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> object(reader);
            case BEGIN_ARRAY -> {
                reader.beginArray();
                while (reader.hasNext()) {
                    value(reader);
                }
                reader.endArray();
            }
            case STRING -> requireWellFormed(reader.nextString());
            default -> reader.skipValue(); // a number, true, false or null, already checked by the strict reader
        }
    }

    private static void object(JsonReader reader) throws IOException, JsonException {
        reader.beginObject();
        Set<String> names = new HashSet<>();
        while (reader.hasNext()) {
            String name = reader.nextName();
            requireWellFormed(name);
            if (!names.add(name)) {
                throw new JsonException("duplicate member", true);
            }
            value(reader);
        }
        reader.endObject();
    }

    /** No lone surrogate: only a \\u escape can write one, and no UTF-8 text contains one. */
    private static void requireWellFormed(String text) throws JsonException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonException("lone surrogate", false);
            }
        }
    }

    private static String decodeUtf8(byte[] bytes) throws JsonException {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // the usual case, and the cheapest decoding
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
}
