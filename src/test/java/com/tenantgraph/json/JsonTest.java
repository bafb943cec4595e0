package com.tenantgraph.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Json} against jackson-jr, which it replaced in the function and which stays a test dependency as the oracle.
 *
 * <p>Reading: on a corpus, on seeded random documents and on random corruptions of them, both accept with the same
 * values of the same Java types, or both refuse. jackson-jr is asked through a parser that must then be at the end of
 * the text, because {@code JSON.std.anyFrom} alone ignores whatever follows the first value ({@code {}x} is {@code {}}
 * to it); {@link Json#parse} refuses trailing text. Unpaired surrogates are accepted by both in string values (the
 * domain refuses them by the field's name, UnstorableInputIT). The one difference is jackson-core's: in an object's
 * key, and only there, it refuses an unpaired surrogate and a pair written half as a {@code \}u escape and half raw;
 * {@link Json} reads keys as it reads values, and the test checks that, written again, both read the same value.
 *
 * <p>Writing: on seeded random values of every type the call sites pass, the text is byte for byte jackson-jr's
 * ({@code WRITE_NULL_PROPERTIES}, as every call site had it), numbers included, except for the escapes of
 * {@link Json#escape}: backspace, form feed and the other control characters but newline, return and tab are
 * {@code \}u escapes with lowercase hex (jackson-jr: {@code \b}, {@code \f}, uppercase hex), and U+2028/U+2029 are
 * escaped (jackson-jr wrote them raw; JavaScript before ES2019 and some log viewers break lines there). Where a
 * value's strings hold such characters the two texts must read back as the same value.
 */
class JsonTest {
    private static final JSON JACKSON_WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "0", "-0", "1", "-1", "\"\"", "true", "false", "null", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n ",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1000000000",
            "999999999999999999", "1.0", "-0.0", "1e2", "1E2", "1e+2", "1e-2", "1.5e300", "1e400", "-1e400",
            "1e-400", "0.1", "4.9e-324", "123456789.123456789e-5", "{\"query\":\"{ me { id } }\",\"variables\":{}}",
            "{\"a\":{\"b\":[{\"c\":null}]}}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "\"\\u0041\\u00e9\\u20AC\"",
            "\"\\ud83d\\ude00\"", "\"\uD83D\uDE00\"", "\"\uD83D" + "\\uDE00\"", "\"\\uD83D\uDE00\"",
            "\"\\u0000\"", "\"\u007f\u2028\u00ff\"", "[[],{},[[]]]",
            "{\"\":1}", "{\"a\":1,\"A\":2}", "{\"b\":1,\"a\":2,\"c\":3}", "\"\\ud800\"", "\"\\udc00x\"",
            "\"\\udc00\\ud800\"", "\"\ud800\"", "[\"a\ud83d\"]"})
    void parse_givesJacksonJrsValues_onTheCorpus(String text) throws IOException {
        assertSameValue(Json.parse(text), jackson(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "{", "}", "[", "]", "{]", "[}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}", "{'a':1}",
            "['a']", "[1,]", "{\"a\":1,}", "[,1]", "[1 2]", "01", "-01", "00", "+1", ".5", "1.", "1.e5", "1e",
            "1e+", "-", "--1", "NaN", "Infinity", "-Infinity", "tru", "nul", "True", "NULL", "\"abc", "\"\\x\"",
            "\"\\u12\"", "\"\\u12G4\"", "\"a\tb\"", "\"a\nb\"", "\"\u0000\"", "/* c */ {}", "// c\n{}", "{}x",
            "{} {}", "[] []", "1 2", "\"a\" \"b\"", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "[1]]",
            "{\"a\":1}}", "\u00a0{}", "{}\u00a0", "\ufeff{}", "0x10", "1_000", "[1;2]", "{\"a\"=1}"})
    void parse_refusesLikeJacksonJr_onTheCorpus(String text) {
        assertThatThrownBy(() -> jackson(text)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(MalformedJsonException.class)
                .hasMessageMatching(".* at line \\d+, column \\d+");
    }

    @Test
    void parse_givesTheSameValuesAsJacksonJr_onSeededRandomDocuments() throws IOException {
        Random random = new Random(20261206);
        for (int i = 0; i < 3000; i++) {
            String text = randomText(random, 0);
            assertSameValue(Json.parse(text), jackson(text));
        }
    }

    @Test
    void parse_acceptsAndRefusesAsJacksonJr_onSeededRandomCorruptions() throws IOException {
        Random random = new Random(8259);
        String alphabet = "{}[],:\"\\0123456789-+.eEtrufalsn \t\n/'\u0000\u001f\ud83d\ude00x";
        int refused = 0;
        int mixedPairKeys = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder text = new StringBuilder(randomText(random, 0));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> text.setLength(at);
                    default -> {
                        if (at < text.length()) {
                            text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String corrupt = text.toString();
            Object expected;
            try {
                expected = jackson(corrupt);
            } catch (IOException | RuntimeException e) {
                if (String.valueOf(e.getMessage()).matches("(?s).*surrogate.* in field name.*")) {
                    // jackson-core's quirk (see the class comment), found before anything else wrong with the text:
                    // ours reads the pair; written in one form, jackson-jr reads what ours reads
                    mixedPairKeys++;
                    Object ours;
                    try {
                        ours = Json.parse(corrupt);
                    } catch (MalformedJsonException wrongElsewhere) {
                        continue;
                    }
                    String written = Json.write(ours);
                    assertSameValue(Json.parse(written), jackson(written));
                    continue;
                }
                refused++;
                assertThatExceptionOfType(MalformedJsonException.class).as("%s", corrupt)
                        .isThrownBy(() -> Json.parse(corrupt));
                continue;
            }
            assertSameValue(Json.parse(corrupt), expected);
        }
        assertThat(refused).as("corruptions refused by both").isGreaterThan(5000);
        assertThat(mixedPairKeys).as("keys with a pair half escaped, half raw").isLessThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"\\ud800\":1}", "{\"\\ud800x\":1}", "{\"\uD83D" + "\\uDE00\":1}"})
    void parse_readsAKeyAsAValue_whereJacksonCoreRefusedAnUnpairedSurrogate(String text) throws IOException {
        assertThatThrownBy(() -> jackson(text)).hasMessageContaining("in field name");
        Map<String, Object> ours = Json.parseObject(text);
        Object keyAsValue = ((List<?>) Json.parse("[" + text.substring(1, text.indexOf(':')) + "]")).get(0);
        assertThat(new ArrayList<Object>(ours.keySet())).containsExactly(keyAsValue);
        assertSameValue(Json.parse(Json.write(ours)), ours);
    }

    @Test
    void parse_givesTheSmallestIntegerTypeAndDoubleForTheRest() {
        assertThat(Json.parse("2147483647")).isEqualTo(2147483647);
        assertThat(Json.parse("2147483648")).isEqualTo(2147483648L);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("1.0")).isEqualTo(1.0d);
        assertThat(Json.parse("1e2")).isEqualTo(100.0d);
        assertThat(Json.parse("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void parse_keepsTheDocumentsOrder_inMutableCollections() {
        Map<String, Object> object = Json.parseObject("{\"z\":1,\"a\":[true],\"m\":null}");
        assertThat(object).containsExactly(Map.entry("z", 1), Map.entry("a", List.of(true)),
                new java.util.AbstractMap.SimpleEntry<>("m", null));
        assertThat(object).isInstanceOf(LinkedHashMap.class);
        assertThat(object.get("a")).isInstanceOf(ArrayList.class);
    }

    @Test
    void parse_acceptsTheDeepestNesting_andRefusesOneLevelMoreWithoutOverflowingTheStack() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(deepest)).isInstanceOf(List.class);

        String deeper = "{\"a\":".repeat(Json.MAX_DEPTH) + "[1]" + "}".repeat(Json.MAX_DEPTH);
        assertThatThrownBy(() -> Json.parse(deeper)).isInstanceOf(MalformedJsonException.class)
                .hasMessage("nesting deeper than 1000 arrays and objects at line 1, column " + (5 * 1000 + 1));
        String absurd = "[".repeat(1_000_000);
        assertThatThrownBy(() -> Json.parse(absurd)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void parse_refusesANumberLongerThanTheLimit() {
        assertThat(Json.parse("1".repeat(Json.MAX_NUMBER_LENGTH))).isInstanceOf(BigInteger.class);
        assertThatThrownBy(() -> Json.parse("1".repeat(Json.MAX_NUMBER_LENGTH + 1)))
                .hasMessage("a number longer than 1000 characters at line 1, column 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                            | no JSON value (the text is empty) at line 1, column 1",
            "`{\"a\":1,}`                  | unexpected character '}', expected a string key at line 1, column 8",
            "`[1,\n 2,\n ]`                | unexpected character ']', expected a JSON value at line 3, column 2",
            "`{\"a\" 1}`                   | unexpected character '1', expected ':' at line 1, column 6",
            "`[1 2]`                       | unexpected character '2', expected ',' or ']' at line 1, column 4",
            "`{\"a\":1 \"b\":2}`           | unexpected character '\"', expected ',' or '}' at line 1, column 8",
            "`{\"q\":\"x\",\"q\":\"y\"}`   | duplicate key \"q\" at line 1, column 10",
            "`01`                          | a number with a leading zero at line 1, column 2",
            "`{}x`                         | unexpected character 'x' after the JSON value at line 1, column 3",
            "`\"abc`                       | a string that is never closed at line 1, column 1",
            "`[\"a\\qb\"]`                 | an invalid escape \\q in a string at line 1, column 4",
            "`tru`                         | an invalid literal (expected true) at line 1, column 1",
            "`/*c*/{}`                     | unexpected character '/', expected a JSON value at line 1, column 1",
            "`[1,`                         | the text ends where a JSON value was expected at line 1, column 4"})
    void parse_saysWhatIsWrongAndWhere(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(MalformedJsonException.class).hasMessage(message);
    }

    @Test
    void parse_namesAControlCharacterByItsCodePoint() {
        assertThatThrownBy(() -> Json.parse("\"a\tb\""))
                .hasMessage("an unescaped control character (U+0009) in a string at line 1, column 3");
    }

    @Test
    void parseObject_refusesAnotherValue() {
        assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(MalformedJsonException.class)
                .hasMessage("expected a JSON object, found an array");
    }

    @Test
    void write_isJacksonJrsText_onSeededRandomValues() throws IOException {
        Random random = new Random(7493);
        int identical = 0;
        for (int i = 0; i < 3000; i++) {
            Object value = randomValue(random, 0);
            String ours = Json.write(value);
            String theirs = JACKSON_WRITER.asString(value);
            if (escapedDifferently(value)) {
                assertSameValue(jackson(ours), jackson(theirs));
            } else {
                assertThat(ours).isEqualTo(theirs);
                identical++;
            }
        }
        assertThat(identical).as("values written byte for byte as jackson-jr").isGreaterThan(1000);
    }

    @Test
    void write_numbersAsJacksonJrWroteThem() {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("double", 1.0d);
        numbers.put("large", 1e20d);
        numbers.put("small", 1e-7d);
        numbers.put("float", 1.5f);
        numbers.put("nan", Double.NaN);
        numbers.put("infinity", Double.NEGATIVE_INFINITY);
        numbers.put("decimal", new BigDecimal("1E+3"));
        numbers.put("big", new BigInteger("123456789012345678901234567890"));
        assertThat(Json.write(numbers)).isEqualTo("{\"double\":1.0,\"large\":1.0E20,\"small\":1.0E-7,\"float\":1.5,"
                + "\"nan\":\"NaN\",\"infinity\":\"-Infinity\",\"decimal\":1E+3,"
                + "\"big\":123456789012345678901234567890}");
    }

    @Test
    void write_keepsNullsAndEscapesEveryControlCharacterAndTheLineSeparators() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("data", null);
        value.put("text", "q\"\\/\b\f\n\r\t\u0001\u001f\u007f\u2028\u2029é😀<");
        value.put("list", Arrays.asList(1, null, 'c', Thread.State.NEW, new Object[] {true}));
        assertThat(Json.write(value)).isEqualTo("{\"data\":null,\"text\":\"q\\\"\\\\/\\u0008\\u000c\\n\\r\\t\\u0001"
                + "\\u001f\u007f\\u2028\\u2029é😀<\",\"list\":[1,null,\"c\",\"NEW\",[true]]}");
    }

    @Test
    void write_refusesATypeItDoesNotKnow() {
        assertThatThrownBy(() -> Json.write(Map.of("when", java.time.Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot write a java.time.Instant as JSON");
        assertThatThrownBy(() -> Json.write(new java.util.concurrent.atomic.AtomicLong()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeThenParse_givesTheValueBack_asJacksonJrsRoundTripDid() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            String text = randomText(random, 0);
            Object value = Json.parse(text);
            // jackson-jr's round trip too: a non-finite double (1e400) comes back as the string "Infinity"
            assertSameValue(Json.parse(Json.write(value)), jackson(JACKSON_WRITER.asString(value)));
        }
    }

    /** jackson-jr's reading of {@code text}, refusing text after the value as {@link Json#parse} does. */
    private static Object jackson(String text) throws IOException {
        try (JsonParser parser = JSON.std.createParser(text)) {
            Object value = JSON.std.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new IOException("text after the value");
            }
            return value;
        }
    }

    /** The same value with the same Java types (an Integer is not a Long); maps in the same order. */
    private static void assertSameValue(Object actual, Object expected) {
        if (expected instanceof Map<?, ?> map) {
            assertThat(actual).isInstanceOf(Map.class);
            assertThat(new ArrayList<Object>(((Map<?, ?>) actual).keySet()))
                    .isEqualTo(new ArrayList<Object>(map.keySet()));
            map.forEach((key, value) -> assertSameValue(((Map<?, ?>) actual).get(key), value));
        } else if (expected instanceof List<?> list) {
            assertThat(actual).isInstanceOf(List.class);
            assertThat((List<?>) actual).hasSameSizeAs(list);
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(((List<?>) actual).get(i), list.get(i));
            }
        } else if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isInstanceOf(expected.getClass()).isEqualTo(expected);
        }
    }

    private static boolean escapedDifferently(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().anyMatch(JsonTest::escapedDifferently)
                    || map.values().stream().anyMatch(JsonTest::escapedDifferently);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(JsonTest::escapedDifferently);
        }
        return value instanceof String text && text.chars()
                .anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x2028 || c == 0x2029);
    }

    /** A random JSON document as text, with random whitespace and escapes, keys distinct within an object. */
    private static String randomText(Random random, int depth) {
        StringBuilder out = new StringBuilder();
        whitespace(random, out);
        int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int size = random.nextInt(4);
                java.util.Set<String> keys = new java.util.HashSet<>();
                for (int i = 0; i < size; i++) {
                    String key = randomString(random);
                    if (!keys.add(key)) {
                        continue;
                    }
                    if (keys.size() > 1) {
                        out.append(',');
                    }
                    whitespace(random, out);
                    stringText(random, out, key);
                    whitespace(random, out);
                    out.append(':').append(randomText(random, depth + 1));
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    out.append(i == 0 ? "" : ",").append(randomText(random, depth + 1));
                }
                whitespace(random, out);
                out.append(']');
            }
            case 2 -> stringText(random, out, randomString(random));
            case 3 -> out.append(randomNumberText(random));
            case 4 -> out.append(random.nextBoolean() ? "true" : "false");
            default -> out.append("null");
        }
        whitespace(random, out);
        return out.toString();
    }

    private static void whitespace(Random random, StringBuilder out) {
        while (random.nextInt(4) == 0) {
            out.append(" \t\r\n".charAt(random.nextInt(4)));
        }
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/\u2028\u2029\u007f".charAt(random.nextInt(6)));
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                case 3 -> text.append((char) (0xa0 + random.nextInt(0xd7ff - 0xa0)));
                default -> text.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return text.toString();
    }

    /** {@code text} as a JSON string, each character written raw, as a short escape or as a u escape at random. */
    private static void stringText(Random random, StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) { // a pair in one form: jackson-core refuses a mixed one in a key
                boolean escaped = random.nextBoolean();
                for (char half : new char[] {c, text.charAt(++i)}) {
                    out.append(escaped ? String.format("\\u%04x", (int) half) : String.valueOf(half));
                }
                continue;
            }
            int way = random.nextInt(3);
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (way == 0 && c >= 0x20 && c != '"' && c != '\\') {
                out.append(c);
            } else if (way == 1 && shortEscape != null) {
                out.append(shortEscape);
            } else if (c < 0x20 || c == '"' || c == '\\' || way > 0) {
                String hex = String.format("%04x", (int) c);
                out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase());
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String randomNumberText(Random random) {
        String[] edges = {"0", "-0", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1e400", "-1e-400", "0.0"};
        return switch (random.nextInt(6)) {
            case 0 -> edges[random.nextInt(edges.length)];
            case 1 -> Integer.toString(random.nextInt());
            case 2 -> Long.toString(random.nextLong());
            case 3 -> (random.nextBoolean() ? "-" : "") + new BigInteger(40 + random.nextInt(100), random);
            case 4 -> random.nextInt(1000) + "." + random.nextInt(1000000);
            default -> (random.nextBoolean() ? "-" : "") + (1 + random.nextInt(9))
                    + (random.nextBoolean() ? "." + random.nextInt(1000) : "") + (random.nextBoolean() ? "e" : "E")
                    + (random.nextBoolean() ? "" : random.nextBoolean() ? "+" : "-") + random.nextInt(400);
        };
    }

    /** A random value of the types the call sites pass to {@link Json#write}. */
    private static Object randomValue(Random random, int depth) {
        switch (depth > 3 ? 2 + random.nextInt(13) : random.nextInt(15)) {
            case 0 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                return map;
            }
            case 1 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
            case 2 -> {
                return randomString(random);
            }
            case 3 -> {
                return random.nextInt();
            }
            case 4 -> {
                return random.nextLong();
            }
            case 5 -> {
                return new BigInteger(64 + random.nextInt(64), random);
            }
            case 6 -> {
                return new BigDecimal(new BigInteger(1 + random.nextInt(60), random), random.nextInt(40) - 20);
            }
            case 7 -> {
                double[] edges = {0.0, -0.0, 1.0, 1e20, 1e-7, 1e7, 1e-3, Double.MIN_VALUE, Double.MAX_VALUE,
                    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2};
                return random.nextBoolean() ? edges[random.nextInt(edges.length)]
                        : Double.longBitsToDouble(random.nextLong());
            }
            case 8 -> {
                return random.nextBoolean() ? Float.intBitsToFloat(random.nextInt()) : (float) random.nextGaussian();
            }
            case 9 -> {
                return random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
            }
            case 10 -> {
                return random.nextBoolean();
            }
            case 11 -> {
                return random.nextBoolean() ? (Object) (short) random.nextInt() : (Object) (byte) random.nextInt();
            }
            default -> {
                return null;
            }
        }
    }
}
