package com.tenantgraph.authorizer;

import com.nimbusds.jose.shaded.gson.Strictness;
import com.nimbusds.jose.shaded.gson.stream.JsonReader;
import com.nimbusds.jose.shaded.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a JOSE header, a claims set or a JWK Set is strict RFC 8259 JSON whose top-level value is an object,
 * before nimbus-jose-jwt reads it. Nothing is built: nimbus parses the text afterwards, and this only decides whether
 * it may.
 *
 * <p>What nimbus would accept and this refuses (nimbus parses with Gson in strict mode, which already refuses comments,
 * single quotes, trailing commas, leading zeros, NaN and trailing content): duplicate member names inside nested
 * objects (Gson refuses them only at the top level, so two parsers could read two values of one claim), invalid
 * UTF-8 (nimbus decodes it to U+FFFD), escaped lone surrogates, a byte order mark, and nesting deeper than
 * {@value #MAX_DEPTH}. Member names are compared after unescaping, so {@code "a"} and {@code "\u0061"} collide.
 *
 * <p>The tokenizer is the one nimbus parses with (its shaded Gson {@link JsonReader}, strict mode): this check and
 * the parse that follows cannot disagree on where a string ends or what a name is, so no duplicate can hide in a
 * difference between two JSON readers.
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

    /** Checks UTF-8 bytes whose top-level value must be an object. */
    static void validate(byte[] utf8) throws JsonException {
        validate(decodeUtf8(utf8));
    }

    /** Checks a text whose top-level value must be an object. */
    static void validate(String text) throws JsonException {
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
