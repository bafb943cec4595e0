package com.tenantgraph.local.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the block-style YAML that {@code template.yaml} is written in, without a YAML library on the classpath.
 *
 * <p>It understands block mappings, block sequences (including {@code - key: value} items), plain and quoted
 * single-line scalars, block scalars ({@code |} and {@code >} with chomping indicators) and comments. Anything else —
 * a flow collection, a tagged value such as {@code !Ref X}, an anchor — is kept as the raw text of a {@link Scalar}
 * (a tag before a block, as in {@code !If} followed by a sequence, becomes a {@link Tagged} node):
 * the tree is still built, and only asking for that value's {@link Scalar#text() text} fails, naming the line. So the
 * blocks the tests read must stay in plain block style, while the rest of the template may use any CloudFormation
 * shorthand. Syntax outside that subset (a plain scalar continued on the next line, a tab indent) fails loudly.
 */
final class BlockYaml {

    /** A parsed node: a mapping, a sequence or a scalar. */
    sealed interface Node permits Mapping, Sequence, Scalar, Tagged {
        int line();
    }

    /** A block mapping, in document order. */
    record Mapping(Map<String, Node> entries, int line) implements Node {
        Node get(String key) {
            Node node = entries.get(key);
            if (node == null) {
                throw new IllegalArgumentException("no key '" + key + "' in the mapping at line " + line
                        + " (keys: " + entries.keySet() + ")");
            }
            return node;
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }

        Mapping mapping(String key) {
            return asMapping(get(key));
        }

        Sequence sequence(String key) {
            return asSequence(get(key));
        }

        String text(String key) {
            return asScalar(get(key)).text();
        }
    }

    /** A block sequence. */
    record Sequence(List<Node> items, int line) implements Node {
        List<String> texts() {
            return items.stream().map(item -> asScalar(item).text()).collect(Collectors.toList());
        }

        List<Mapping> mappings() {
            return items.stream().map(BlockYaml::asMapping).collect(Collectors.toList());
        }
    }

    /** A block node under a tag, as in {@code Value: !If} followed by a block sequence. */
    record Tagged(String tag, Node value, int line) implements Node {
    }

    /** A scalar as written (quotes and tags included); {@link #text()} gives its value. */
    record Scalar(String raw, int line) implements Node {
        /** The value of a plain or quoted scalar; fails for tags, flow collections, anchors and aliases. */
        String text() {
            if (raw.isEmpty()) {
                return "";
            }
            char first = raw.charAt(0);
            if (first == '\'') {
                return singleQuoted(raw, line);
            }
            if (first == '"') {
                return doubleQuoted(raw, line);
            }
            if ("!&*{[|>@`%".indexOf(first) >= 0) {
                throw new IllegalStateException("line " + line + ": '" + raw
                        + "' is not a plain or quoted scalar (tag, flow collection or anchor); keep this value in"
                        + " plain block style so that the template tests can read it");
            }
            return raw;
        }
    }

    private record Line(int number, int indent, String content) {
        boolean isSequenceItem() {
            return content.equals("-") || content.startsWith("- ");
        }
    }

    private final List<Line> lines;
    private final List<String> rawLines;
    private int position;

    private BlockYaml(List<String> rawLines) {
        this.rawLines = rawLines;
        this.lines = new ArrayList<>();
        for (int i = 0; i < rawLines.size(); i++) {
            String raw = rawLines.get(i);
            if (raw.substring(0, indentOf(raw)).indexOf('\t') >= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": tab in indentation");
            }
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            lines.add(new Line(i + 1, indentOf(raw), trimmed));
        }
    }

    /** Parses a whole document whose root is a block mapping. */
    static Mapping parse(String text) {
        BlockYaml reader = new BlockYaml(text.lines().collect(Collectors.toList()));
        Node root = reader.block(0);
        if (reader.position < reader.lines.size()) {
            Line line = reader.lines.get(reader.position);
            throw new IllegalArgumentException("line " + line.number() + ": unexpected indentation or content: "
                    + line.content());
        }
        return asMapping(root);
    }

    static Mapping asMapping(Node node) {
        if (node instanceof Mapping mapping) {
            return mapping;
        }
        throw new IllegalArgumentException("line " + node.line() + ": expected a block mapping, found " + describe(node));
    }

    static Sequence asSequence(Node node) {
        if (node instanceof Sequence sequence) {
            return sequence;
        }
        throw new IllegalArgumentException("line " + node.line() + ": expected a block sequence, found " + describe(node));
    }

    static Scalar asScalar(Node node) {
        if (node instanceof Scalar scalar) {
            return scalar;
        }
        throw new IllegalArgumentException("line " + node.line() + ": expected a scalar, found " + describe(node));
    }

    private static String describe(Node node) {
        if (node instanceof Scalar scalar) {
            return "the scalar '" + scalar.raw() + "'";
        }
        if (node instanceof Tagged tagged) {
            return "a value tagged " + tagged.tag();
        }
        return node instanceof Mapping ? "a mapping" : "a sequence";
    }

    /** The block starting at the next line if that line is indented at least {@code minIndent}; else an empty scalar. */
    private Node block(int minIndent) {
        Line next = peek();
        if (next == null || next.indent() < minIndent) {
            return new Scalar("", next == null ? rawLines.size() : next.number());
        }
        return next.isSequenceItem() ? sequence(next.indent()) : mapping(next.indent());
    }

    private Mapping mapping(int indent) {
        Map<String, Node> entries = new LinkedHashMap<>();
        int firstLine = peek().number();
        while (peek() != null && peek().indent() == indent && !peek().isSequenceItem()) {
            Line line = lines.get(position++);
            int colon = keyEnd(line);
            if (colon < 0) {
                throw new IllegalArgumentException("line " + line.number() + ": expected 'key: value', found: "
                        + line.content());
            }
            String key = asScalar(new Scalar(line.content().substring(0, colon).strip(), line.number())).text();
            String rest = stripComment(line.content().substring(colon + 1).strip());
            Node value;
            if (rest.isEmpty()) {
                Line next = peek();
                // A sequence may sit at the same indentation as its key.
                boolean sameIndentSequence = next != null && next.indent() == indent && next.isSequenceItem();
                value = sameIndentSequence ? sequence(indent) : block(indent + 1);
            } else if (rest.matches("![\\w:]+")) {
                value = new Tagged(rest, block(indent + 1), line.number());
            } else if (isBlockScalarHeader(rest)) {
                value = blockScalar(line, rest);
            } else {
                value = new Scalar(rest, line.number());
            }
            if (entries.put(key, value) != null) {
                throw new IllegalArgumentException("line " + line.number() + ": duplicate key '" + key + "'");
            }
        }
        rejectDeeperLine(indent);
        return new Mapping(Collections.unmodifiableMap(entries), firstLine);
    }

    private Sequence sequence(int indent) {
        List<Node> items = new ArrayList<>();
        int firstLine = peek().number();
        while (peek() != null && peek().indent() == indent && peek().isSequenceItem()) {
            Line line = lines.get(position);
            String rest = line.content().substring(1);
            String item = rest.strip();
            if (item.isEmpty()) {
                position++;
                items.add(block(indent + 1));
            } else if (keyEnd(new Line(line.number(), 0, item)) >= 0 || item.startsWith("- ")) {
                // "- key: value": the item is a block whose first line starts after the dash.
                int itemIndent = indent + 1 + (rest.length() - rest.stripLeading().length());
                lines.set(position, new Line(line.number(), itemIndent, item));
                items.add(block(itemIndent));
            } else {
                position++;
                items.add(new Scalar(stripComment(item), line.number()));
            }
        }
        rejectDeeperLine(indent);
        return new Sequence(Collections.unmodifiableList(items), firstLine);
    }

    private void rejectDeeperLine(int indent) {
        Line next = peek();
        if (next != null && next.indent() > indent) {
            throw new IllegalArgumentException("line " + next.number() + ": unexpected indentation (a plain scalar"
                    + " continued on the next line is not supported here): " + next.content());
        }
    }

    private Scalar blockScalar(Line header, String indicator) {
        List<String> body = new ArrayList<>();
        int rawIndex = header.number(); // index of the line after the header in rawLines
        int contentIndent = -1;
        while (rawIndex < rawLines.size()) {
            String raw = rawLines.get(rawIndex);
            if (!raw.isBlank()) {
                int indent = indentOf(raw);
                if (indent <= header.indent()) {
                    break;
                }
                if (contentIndent < 0) {
                    contentIndent = indent;
                }
                body.add(raw.substring(Math.min(contentIndent, indent)));
            } else {
                body.add("");
            }
            rawIndex++;
        }
        while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
            body.remove(body.size() - 1);
        }
        // Skip the parsed lines that belong to the block scalar.
        while (peek() != null && peek().number() <= rawIndex) {
            position++;
        }
        boolean folded = indicator.charAt(0) == '>';
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < body.size(); i++) {
            String current = body.get(i);
            if (i > 0) {
                boolean joinWithSpace = folded && !current.isEmpty() && !body.get(i - 1).isEmpty()
                        && !current.startsWith(" ");
                text.append(joinWithSpace ? " " : "\n");
            }
            text.append(current);
        }
        if (!indicator.contains("-")) {
            text.append('\n');
        }
        return new Scalar(quoteForText(text.toString()), header.number());
    }

    /** Stores a block scalar's value as a double-quoted raw scalar, so that {@link Scalar#text()} returns it. */
    private static String quoteForText(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static boolean isBlockScalarHeader(String value) {
        return value.matches("[|>][+-]?[1-9]?|[|>][1-9][+-]");
    }

    /** The index of the colon that ends the key of a {@code key: value} line, or -1. */
    private static int keyEnd(Line line) {
        String content = line.content();
        if (content.startsWith("'") || content.startsWith("\"")) {
            int colon = closingQuote(content, line.number()) + 1;
            boolean isKey = colon < content.length() && content.charAt(colon) == ':'
                    && (colon + 1 == content.length() || content.charAt(colon + 1) == ' ');
            return isKey ? colon : -1;
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '#' && i > 0 && content.charAt(i - 1) == ' ') {
                return -1;
            }
            if (c == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String value) {
        if (value.startsWith("'") || value.startsWith("\"")) {
            int end = closingQuote(value, -1);
            String after = value.substring(end + 1).strip();
            if (!after.isEmpty() && !after.startsWith("#")) {
                throw new IllegalArgumentException("text after a quoted scalar: " + value);
            }
            return value.substring(0, end + 1);
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).strip();
    }

    private static int closingQuote(String value, int line) {
        char quote = value.charAt(0);
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("line " + line + ": unterminated quoted scalar (multi-line quoted scalars"
                + " are not supported): " + value);
    }

    private static String singleQuoted(String raw, int line) {
        int end = closingQuote(raw, line);
        return raw.substring(1, end).replace("''", "'");
    }

    private static String doubleQuoted(String raw, int line) {
        int end = closingQuote(raw, line);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = raw.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '"', '\\', '/' -> out.append(escaped);
                default -> throw new IllegalArgumentException("line " + line + ": unsupported escape \\" + escaped);
            }
        }
        return out.toString();
    }

    private static int indentOf(String raw) {
        int i = 0;
        while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private Line peek() {
        return position < lines.size() ? lines.get(position) : null;
    }
}
