package com.tenantgraph.authorizer;

import com.nimbusds.jose.shaded.gson.Strictness;
import com.nimbusds.jose.shaded.gson.ToNumberPolicy;
import com.nimbusds.jose.shaded.gson.stream.JsonReader;
import com.nimbusds.jose.shaded.gson.stream.JsonToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON for a JOSE header, a claims set or a JWK Set, read in one pass by nimbus-jose-jwt's own JSON tokenizer
 * (its shaded Gson {@link JsonReader}, in the strict mode nimbus's {@link JSONObjectUtils#parse} runs it in), into the
 * values nimbus's parser would build: objects as maps, arrays as lists, integers as {@code Long} and other numbers
 * as {@code Double} by the very number policy nimbus configures ({@link ToNumberPolicy#LONG_OR_DOUBLE}), JSON null as
 * a present key with a null value.
 *
 * <p>The strict tokenizer refuses comments, single quotes, unquoted names, trailing commas, leading zeros, NaN and
 * invalid escapes. This class also refuses what nimbus's parser lets through: duplicate member names at any depth
 * (nimbus refuses them only at the top level and keeps the last one inside nested objects, so two parsers could read
 * two values of one claim), invalid UTF-8 (nimbus decodes it to U+FFFD), escaped lone surrogates, a byte order mark
 * (the tokenizer skips one), a top-level value other than an object (nimbus reads an array of pairs as one),
 * trailing content, and nesting deeper than {@value #MAX_DEPTH}. Member names are compared after unescaping, so
 * {@code "a"} and {@code "\u0061"} collide.
 *
 * <p>Why one pass rather than nimbus's parser followed by checks: the duplicate-name rule needs the text (a parsed
 * object keeps only the last value), and reading the text once, with the tokenizer nimbus parses with, both builds
 * the value and sees every name, so there is no second reader that could disagree with the first about where a
 * string ends. It is also the authorizer's largest cost after the RSA verify, so it is read once, into
 * {@link LinkedHashMap}s (document order, constant-time lookups for the claim rules).
 */
final class StrictJson {

    static final int MAX_DEPTH = 16;
    /** Holds a Cognito token's 14 to 20 claims without a resize. */
    private static final int OBJECT_CAPACITY = 32;

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
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_DEPTH);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new JsonException("top-level value is not an object", false);
            }
            Map<String, Object> object = object(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonException("trailing content", false);
            }
            return object;
        } catch (IOException | RuntimeException e) { // MalformedJsonException, EOFException; Gson's own errors
            throw new JsonException("not strict JSON: " + e.getClass().getSimpleName(), false);
        }
    }

    private static Object value(JsonReader reader) throws IOException, JsonException {
        return switch (reader.peek()) {
            case BEGIN_OBJECT -> object(reader);
            case BEGIN_ARRAY -> array(reader);
            case STRING -> wellFormed(reader.nextString());
            case NUMBER -> ToNumberPolicy.LONG_OR_DOUBLE.readNumber(reader);
            case BOOLEAN -> reader.nextBoolean();
            case NULL -> {
                reader.nextNull();
                yield null;
            }
            default -> throw new JsonException("unexpected " + reader.peek(), false); // a name or an end: not reached
        };
    }

    private static Map<String, Object> object(JsonReader reader) throws IOException, JsonException {
        reader.beginObject();
        Map<String, Object> object = new LinkedHashMap<>(OBJECT_CAPACITY);
        while (reader.hasNext()) {
            String name = wellFormed(reader.nextName());
            int size = object.size();
            object.put(name, value(reader));
            if (object.size() == size) {
                throw new JsonException("duplicate member", true);
            }
        }
        reader.endObject();
        return object;
    }

    private static List<Object> array(JsonReader reader) throws IOException, JsonException {
        reader.beginArray();
        List<Object> array = new ArrayList<>();
        while (reader.hasNext()) {
            array.add(value(reader));
        }
        reader.endArray();
        return array;
    }

    /** The text, if it has no lone surrogate: only a \\u escape can write one, and no UTF-8 text contains one. */
    private static String wellFormed(String text) throws JsonException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonException("lone surrogate", false);
            }
        }
        return text;
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
