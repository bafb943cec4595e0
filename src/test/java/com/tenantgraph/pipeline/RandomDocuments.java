package com.tenantgraph.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of valid GraphQL executable documents, from the grammar graphql-java 26.0 accepts
 * (operations, fragments, variables, directives, every value kind), printed with random ignored characters between
 * the tokens; and a mutation fuzzer that breaks such documents at the character and token level.
 *
 * <p>Two profiles. {@link Profile#COMMON} is what clients send: ASCII names (keywords among them), spaces, tabs, LF
 * and CRLF line ends, commas, {@code #} comments, strings with the standard escapes, {@code \}{@code uXXXX} escapes
 * of BMP characters and raw characters of the Basic Multilingual Plane. The fast path must accept every document
 * of this profile. {@link Profile#FULL} adds the unusual: lone CR, U+2028/U+2029, byte-order marks between tokens,
 * control characters in strings and comments, characters outside the BMP (emoji; the fast path declines them by
 * design, since graphql-java counts columns in code points), surrogate-pair and braced {@code \}{@code u{...}}
 * escapes, block strings, and ignored characters between {@code $}/{@code @} and their name. Documents of this profile are only held
 * to the equality property (the fast path may decline them).
 */
final class RandomDocuments {

    enum Profile { COMMON, FULL }

    /** Names that are keywords elsewhere in the grammar, all legal where a name is (except {@code on} as a fragment name). */
    static final List<String> KEYWORDS = List.of("query", "mutation", "subscription", "fragment", "on", "true",
            "false", "null", "type", "schema", "scalar", "interface", "implements", "enum", "union", "input",
            "extend", "directive", "repeatable");

    private static final List<String> PLAIN_NAMES = List.of("me", "id", "tenant", "name", "projects", "tasks",
            "first", "after", "a", "b", "_", "__typename", "x1", "Project", "Task", "_private", "camelCase",
            "UPPER", "n0", "skip", "include", "e", "E", "e1", "a_b_c");

    private final Random random;
    private final Profile profile;
    private final int maxDepth;

    /** A generator whose selection sets nest at most {@code maxDepth} levels below the operation's. */
    RandomDocuments(long seed, Profile profile, int maxDepth) {
        this.random = new Random(seed);
        this.profile = profile;
        this.maxDepth = maxDepth;
    }

    /** One document as its tokens, in order. */
    List<String> tokens() {
        List<String> out = new ArrayList<>();
        int definitions = 1 + random.nextInt(3);
        for (int i = 0; i < definitions; i++) {
            if (random.nextInt(10) < 7) {
                operation(out);
            } else {
                fragment(out);
            }
        }
        return out;
    }

    /** One document printed with random ignored characters. */
    String document() {
        return print(tokens());
    }

    String print(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        if (random.nextInt(4) == 0) {
            text.append(ignored(1 + random.nextInt(3)));
        }
        String previous = null;
        for (String token : tokens) {
            if (previous != null) {
                boolean needed = mustSeparate(previous, token);
                int count = needed ? 1 + random.nextInt(2) : random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(2);
                if (count == 0) {
                    // nothing between the two tokens
                } else if (random.nextInt(3) > 0) {
                    text.append(' ');
                    if (count > 1) {
                        text.append(ignored(count - 1));
                    }
                } else {
                    text.append(ignored(count));
                }
            }
            text.append(token);
            previous = token;
        }
        if (random.nextInt(4) == 0) {
            text.append(ignored(1 + random.nextInt(3)));
        }
        return text.toString();
    }

    /** Whether the two tokens would lex differently (or not at all) when written without anything between them. */
    static boolean mustSeparate(String previous, String next) {
        char last = previous.charAt(previous.length() - 1);
        char first = next.charAt(0);
        return (isNameChar(last) && (isNameChar(first) || first == '.'))
                || (last == '"' && first == '"')
                || (last == '.' && (first == '.' || Character.isDigit(first)));
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 0x80;
    }

    private String ignored(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(profile == Profile.FULL ? 12 : 8);
            switch (kind) {
                case 0, 1 -> out.append(' ');
                case 2 -> out.append('\t');
                case 3 -> out.append(',');
                case 4 -> out.append('\n');
                case 5 -> out.append("\r\n");
                case 6, 7 -> out.append('#').append(commentText()).append(random.nextBoolean() ? "\n" : "\r\n");
                case 8 -> out.append('\r');
                case 9 -> out.append(random.nextBoolean() ? '\u2028' : '\u2029');
                case 10 -> out.append('\uFEFF');
                default -> out.append('#').append(commentText()).append(random.nextBoolean() ? "\r" : "\n");
            }
        }
        return out.toString();
    }

    private String commentText() {
        String common = " abc{}()\"\\#$@!.:=,[]\tÉé中";
        String full = common + "\u2028\u2029\u0001\u000b\u000c\uFEFF😀";
        String alphabet = profile == Profile.FULL ? full : common;
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private void operation(List<String> out) {
        if (random.nextInt(5) == 0) {
            selectionSet(out, 0);
            return;
        }
        out.add(pick(List.of("query", "mutation", "subscription")));
        if (random.nextBoolean()) {
            out.add(name());
        }
        if (random.nextInt(5) < 2) {
            out.add("(");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                variable(out);
                out.add(":");
                type(out, 0);
                if (random.nextInt(3) == 0) {
                    out.add("=");
                    value(out, true, 0);
                }
                if (random.nextInt(5) == 0) {
                    directives(out, true);
                }
            }
            out.add(")");
        }
        if (random.nextInt(4) == 0) {
            directives(out, false);
        }
        selectionSet(out, 0);
    }

    private void fragment(List<String> out) {
        out.add("fragment");
        out.add(fragmentName());
        out.add("on");
        out.add(name());
        if (random.nextInt(4) == 0) {
            directives(out, false);
        }
        selectionSet(out, 0);
    }

    private void selectionSet(List<String> out, int depth) {
        out.add("{");
        int count = 1 + random.nextInt(depth == 0 ? 4 : 3);
        for (int i = 0; i < count; i++) {
            int kind = depth >= maxDepth ? 0 : random.nextInt(10);
            if (kind < 7) {
                field(out, depth);
            } else if (kind < 8) {
                out.add("...");
                out.add(fragmentName());
                if (random.nextInt(3) == 0) {
                    directives(out, false);
                }
            } else {
                out.add("...");
                if (random.nextInt(3) > 0) {
                    out.add("on");
                    out.add(name());
                }
                if (random.nextInt(3) == 0) {
                    directives(out, false);
                }
                selectionSet(out, depth + 1);
            }
        }
        out.add("}");
    }

    private void field(List<String> out, int depth) {
        if (random.nextInt(4) == 0) {
            out.add(name());
            out.add(":");
        }
        out.add(name());
        if (random.nextInt(3) == 0) {
            arguments(out, false);
        }
        if (random.nextInt(5) == 0) {
            directives(out, false);
        }
        if (depth < maxDepth && random.nextInt(3) == 0) {
            selectionSet(out, depth + 1);
        }
    }

    private void arguments(List<String> out, boolean constant) {
        out.add("(");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out.add(name());
            out.add(":");
            value(out, constant, 0);
        }
        out.add(")");
    }

    private void directives(List<String> out, boolean constant) {
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            prefixed(out, "@", name());
            if (random.nextBoolean()) {
                arguments(out, constant);
            }
        }
    }

    private void variable(List<String> out) {
        prefixed(out, "$", name());
    }

    /** {@code $name} and {@code @name}: one token for clients, two (with room for ignored characters) in FULL. */
    private void prefixed(List<String> out, String prefix, String name) {
        if (profile == Profile.FULL && random.nextInt(4) == 0) {
            out.add(prefix);
            out.add(name);
        } else {
            out.add(prefix + name);
        }
    }

    private void type(List<String> out, int depth) {
        int kind = depth >= 3 ? 0 : random.nextInt(4);
        if (kind < 2) {
            out.add(name());
        } else {
            out.add("[");
            type(out, depth + 1);
            out.add("]");
        }
        if (random.nextInt(3) == 0) {
            out.add("!");
        }
    }

    private void value(List<String> out, boolean constant, int depth) {
        int kind = random.nextInt(depth >= 3 ? 8 : 10);
        switch (kind) {
            case 0 -> {
                if (constant) {
                    out.add(intValue());
                } else {
                    variable(out);
                }
            }
            case 1 -> out.add(intValue());
            case 2 -> out.add(floatValue());
            case 3, 4 -> out.add(stringValue());
            case 5 -> out.add(random.nextBoolean() ? "true" : "false");
            case 6 -> out.add("null");
            case 7 -> out.add(enumValue());
            case 8 -> {
                out.add("[");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    value(out, constant, depth + 1);
                }
                out.add("]");
            }
            default -> {
                out.add("{");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    out.add(name());
                    out.add(":");
                    value(out, constant, depth + 1);
                }
                out.add("}");
            }
        }
    }

    private String intValue() {
        String sign = random.nextInt(3) == 0 ? "-" : "";
        return sign + switch (random.nextInt(6)) {
            case 0 -> "0";
            case 1 -> String.valueOf(random.nextInt(10));
            case 2 -> String.valueOf(1 + random.nextInt(Integer.MAX_VALUE));
            case 3 -> "2147483648";
            case 4 -> "9223372036854775808";
            default -> (1 + random.nextInt(9)) + digits(20 + random.nextInt(20));
        };
    }

    private String floatValue() {
        String integer = intValue();
        String fraction = "." + digits(1 + random.nextInt(random.nextInt(4) == 0 ? 25 : 4));
        String exponent = (random.nextBoolean() ? "e" : "E") + pick(List.of("", "+", "-"))
                + digits(1 + random.nextInt(3));
        return switch (random.nextInt(3)) {
            case 0 -> integer + fraction;
            case 1 -> integer + exponent;
            default -> integer + fraction + exponent;
        };
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private String stringValue() {
        if (profile == Profile.FULL && random.nextInt(12) == 0) {
            return blockString();
        }
        StringBuilder text = new StringBuilder("\"");
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(10);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(profile == Profile.FULL ? 14 : 10);
            switch (kind) {
                case 0, 1, 2, 3 -> text.append((char) pickPrintableAscii());
                case 4 -> text.append(pick(List.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")));
                case 5 -> text.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", bmpNonSurrogate()));
                case 6 -> text.appendCodePoint(rawStringCharacter());
                case 7 -> text.append(pick(List.of("é", "中", "Ж", "€", "\u00a0", "\t", " ")));
                case 8 -> text.append(profile == Profile.FULL ? pick(List.of("😀", "𝄞", "\uD83D\uDC4D"))
                        : pick(List.of("ü", "ß", "日本", "\uFFFD", "\u00FF")));
                case 9 -> text.append(pick(List.of("#", "{", "}", "$", "@", "...", "'")));
                case 10 -> text.append(pick(List.of("\\uD83D\\uDE00", "\\ud834\\udd1e", "\\uDBFF\\uDFFF")));
                case 11 -> text.append(pick(List.of("\\u{1F600}", "\\u{41}", "\\u{0}", "\\u{10FFFF}", "\\u{00e9}")));
                case 12 -> text.append(pick(List.of("\u0000", "\u0001", "\u001f", "\u000b", "\u000c", "\u007f")));
                default -> text.append(pick(List.of("\u2028", "\u2029", "\uFEFF")));
            }
        }
        return text.append('"').toString();
    }

    private String blockString() {
        String[] parts = {"a", "\n", "\r\n", "  x\n", "\\\"\"\"", "\"a", "\"\"b", "é", "\t", "\\n", "😀", "\n\n  y"};
        StringBuilder text = new StringBuilder("\"\"\"");
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.append("\"\"\"").toString();
    }

    /** A character written as itself in a string: not a quote, backslash, line end nor (for clients) a control. */
    private int rawStringCharacter() {
        int c;
        do {
            c = bmpNonSurrogate();
        } while (c == '"' || c == '\\' || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0xfeff
                || c >= 0x80 && c < 0xa0);
        return c;
    }

    private int pickPrintableAscii() {
        int c;
        do {
            c = 0x20 + random.nextInt(0x7f - 0x20);
        } while (c == '"' || c == '\\');
        return c;
    }

    private int bmpNonSurrogate() {
        int c;
        do {
            c = random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x60) : 0xa0 + random.nextInt(0xffff - 0xa0);
        } while (c >= 0xd800 && c <= 0xdfff);
        return c;
    }

    private String name() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(KEYWORDS);
            case 1 -> randomName();
            default -> pick(PLAIN_NAMES);
        };
    }

    private String fragmentName() {
        String name;
        do {
            name = name();
        } while (name.equals("on"));
        return name;
    }

    private String enumValue() {
        String name;
        do {
            name = name();
        } while (name.equals("true") || name.equals("false") || name.equals("null"));
        return name;
    }

    private String randomName() {
        String start = "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String rest = start + "0123456789";
        StringBuilder name = new StringBuilder().append(start.charAt(random.nextInt(start.length())));
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            name.append(rest.charAt(random.nextInt(rest.length())));
        }
        return name.toString();
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /**
     * Breaks a document: one to three random edits, each an insertion, deletion or replacement of a character or of
     * a token-like fragment, a duplicated or deleted span, or a truncation.
     */
    static String mutate(String document, Random random) {
        String text = document;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(9)) {
                case 0 -> text = text.substring(0, at) + randomChar(random) + text.substring(at);
                case 1 -> text = text.isEmpty() || at == text.length() ? text
                        : text.substring(0, at) + text.substring(at + 1);
                case 2 -> text = text.isEmpty() || at == text.length() ? text
                        : text.substring(0, at) + randomChar(random) + text.substring(at + 1);
                case 3 -> text = text.substring(0, at) + MUTATION_TOKENS.get(random.nextInt(MUTATION_TOKENS.size()))
                        + text.substring(at);
                case 4 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(8));
                    text = text.substring(0, at) + text.substring(end);
                }
                case 5 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(12));
                    text = text.substring(0, end) + text.substring(at, end) + text.substring(end);
                }
                case 6 -> text = text.substring(0, at);
                case 7 -> {
                    if (at + 1 < text.length()) {
                        text = text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2);
                    }
                }
                default -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(4));
                    text = text.substring(0, at) + MUTATION_TOKENS.get(random.nextInt(MUTATION_TOKENS.size()))
                            + text.substring(end);
                }
            }
        }
        return text;
    }

    private static final String MUTATION_CHARS = "{}()[]:$@!=.,|&\"\\#\n\r\t -+0123456789eE_aZ\u2028\uFEFF\u00e9"
            + "\u0000\u0001\uD83D\uDE00uU/bfnrt";

    private static final List<String> MUTATION_TOKENS = List.of("query", "mutation", "subscription", "fragment", "on",
            "true", "false", "null", "type", "schema", "extend", "directive", "...", "..", ".", "\"", "\"\"", "\"\"\"",
            "\\u", "\\u{", "\\uD83D", "\\uDE00", "}", "{", "$", "@", "0", "-0", "00", "1.", ".5", "1e", "1e+",
            "0x1", "123abc", "1.5E-3", "#", "\n", "\r", "\r\n", "\u2028", "\uFEFF", "😀", "[", "]", "(", ")", "!",
            "=", ":", "&", "|", "interface", "scalar", "input", "...on", "on on", "- 1");

    private static char randomChar(Random random) {
        return MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()));
    }
}
