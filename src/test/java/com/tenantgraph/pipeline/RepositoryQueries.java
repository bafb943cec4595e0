package com.tenantgraph.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GraphQL documents written in the repository: every string literal containing {@code {} of the Java sources
 * (plain literals, literals joined by {@code +}, text blocks), of the JavaScript and TypeScript sources (quoted and
 * template literals without substitutions) and every fenced {@code graphql} block of the Markdown files, in every
 * module, examples/, web/ and docs/. Build output, dependencies and the local stack's state are skipped.
 *
 * <p>The scan is deliberately simple (no full Java or JavaScript lexer): a literal it cuts wrongly is a candidate
 * graphql-java rejects, which still tests the fast path's rejection; the tests check that the scan finds the
 * queries of the files known to hold them.
 */
final class RepositoryQueries {

    /** One candidate document and where it was found. */
    record Candidate(String origin, String text) {
    }

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", ".local",
            "dist", ".idea", ".vscode");

    /**
     * This harness's own sources: their documents are the labelled edge cases of {@link QueryCorpus} (some of which
     * the fast path may decline) and the generator's fragments, tested by their own tests.
     */
    private static final Set<String> HARNESS_FILES = Set.of("AstDiff.java", "QueryCorpus.java",
            "QueryParserDifferentialTest.java", "RandomDocuments.java", "RepositoryQueries.java");

    private static final Pattern MARKDOWN_GRAPHQL = Pattern.compile("```(?:graphql|gql)\\s*\\n(.*?)```",
            Pattern.DOTALL);

    private RepositoryQueries() {
    }

    static List<Candidate> scan(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    return SKIPPED_DIRECTORIES.contains(String.valueOf(directory.getFileName()))
                            && !directory.equals(root) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !HARNESS_FILES.contains(file.getFileName().toString())) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Candidate> candidates = new ArrayList<>();
        files.stream().sorted().forEach(file -> candidates.addAll(candidatesOf(root, file)));
        return candidates;
    }

    private static List<Candidate> candidatesOf(Path root, Path file) {
        String name = file.getFileName().toString();
        String origin = root.relativize(file).toString();
        String source;
        try {
            if (Files.size(file) > 2_000_000) {
                return List.of();
            }
            source = Files.readString(file);
        } catch (IOException e) {
            // not UTF-8 text (an image, a jar): no queries in it
            return List.of();
        }
        List<String> literals;
        if (name.endsWith(".java")) {
            literals = LiteralScanner.java(source);
        } else if (name.matches(".*\\.(mjs|cjs|js|jsx|ts|tsx)$")) {
            literals = LiteralScanner.javaScript(source);
        } else if (name.endsWith(".md")) {
            literals = new ArrayList<>();
            Matcher block = MARKDOWN_GRAPHQL.matcher(source);
            while (block.find()) {
                literals.add(block.group(1));
            }
        } else if (name.endsWith(".graphql") || name.endsWith(".gql")) {
            literals = List.of(source);
        } else {
            return List.of();
        }
        return literals.stream().filter(text -> text.contains("{")).map(text -> new Candidate(origin, text)).toList();
    }

    /** Cuts string literals out of source text, skipping comments. */
    static final class LiteralScanner {

        private LiteralScanner() {
        }

        /**
         * The literals of Java source; literals joined by {@code +} are also kept joined (each prefix of the
         * concatenation is a candidate too: harmless, more candidates).
         */
        static List<String> java(String source) {
            List<String> literals = new ArrayList<>();
            StringBuilder concatenation = null;
            int i = 0;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    i = lineEnd(source, i);
                } else if (source.startsWith("/*", i)) {
                    i = blockCommentEnd(source, i);
                } else if (c == '\'') {
                    i = quotedEnd(source, i, '\'');
                } else if (c != '"') {
                    i++;
                } else {
                    int end;
                    String literal;
                    if (source.startsWith("\"\"\"", i)) {
                        int contentStart = source.indexOf('\n', i) + 1;
                        int close = textBlockEnd(source, contentStart);
                        literal = decodeJava(source.substring(contentStart, close).stripIndent());
                        end = Math.min(source.length(), close + 3);
                    } else {
                        end = quotedEnd(source, i, '"');
                        literal = decodeJava(source.substring(i + 1, Math.max(i + 1, end - 1)));
                    }
                    concatenation = concatenation == null ? new StringBuilder(literal) : concatenation.append(literal);
                    literals.add(concatenation.toString());
                    int next = nextConcatenatedLiteral(source, end);
                    if (next < 0) {
                        concatenation = null;
                        i = end;
                    } else {
                        i = next;
                    }
                }
            }
            return literals;
        }

        /** The index of the literal that {@code + "..."} joins to the one ending at {@code i}, or -1. */
        private static int nextConcatenatedLiteral(String source, int i) {
            int j = skipWhitespace(source, i);
            if (j < source.length() && source.charAt(j) == '+') {
                j = skipWhitespace(source, j + 1);
                if (j < source.length() && source.charAt(j) == '"') {
                    return j;
                }
            }
            return -1;
        }

        private static int skipWhitespace(String source, int i) {
            int j = i;
            while (j < source.length() && Character.isWhitespace(source.charAt(j))) {
                j++;
            }
            return j;
        }

        static List<String> javaScript(String source) {
            List<String> literals = new ArrayList<>();
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    i = lineEnd(source, i);
                } else if (source.startsWith("/*", i)) {
                    i = blockCommentEnd(source, i);
                } else if (c == '\'' || c == '"' || c == '`') {
                    int end = quotedEnd(source, i, c);
                    String body = source.substring(i + 1, Math.max(i + 1, end - 1));
                    if (c != '`' || !body.contains("${")) {
                        literals.add(decodeJavaScript(body));
                    }
                    i = end;
                } else {
                    i++;
                }
            }
            return literals;
        }

        private static int lineEnd(String source, int i) {
            int end = source.indexOf('\n', i);
            return end < 0 ? source.length() : end;
        }

        private static int blockCommentEnd(String source, int i) {
            int end = source.indexOf("*/", i + 2);
            return end < 0 ? source.length() : end + 2;
        }

        /** The index after the closing quote of the literal that opens at {@code i}. */
        private static int quotedEnd(String source, int i, char quote) {
            int j = i + 1;
            while (j < source.length()) {
                char c = source.charAt(j);
                if (c == '\\') {
                    j += 2;
                } else if (c == quote) {
                    return j + 1;
                } else if (c == '\n' && quote != '`') {
                    return j;
                } else {
                    j++;
                }
            }
            return source.length();
        }

        private static int textBlockEnd(String source, int contentStart) {
            int j = contentStart;
            while (j < source.length()) {
                if (source.charAt(j) == '\\') {
                    j += 2;
                } else if (source.startsWith("\"\"\"", j)) {
                    return j;
                } else {
                    j++;
                }
            }
            return source.length();
        }

        private static String decodeJava(String body) {
            try {
                return body.translateEscapes();
            } catch (IllegalArgumentException e) {
                return body;
            }
        }

        private static String decodeJavaScript(String body) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c != '\\' || i + 1 >= body.length()) {
                    out.append(c);
                    continue;
                }
                char next = body.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'u' -> {
                        if (i + 4 < body.length() && body.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                            out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                            i += 4;
                        } else {
                            out.append("\\u");
                        }
                    }
                    case '\n' -> {
                        // a line continuation
                    }
                    default -> out.append(next);
                }
            }
            return out.toString();
        }
    }
}
