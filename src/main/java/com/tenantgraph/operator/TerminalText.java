package com.tenantgraph.operator;

/**
 * Text as the operator command line prints it: every value that came from a user (names, emails, ids, echoed
 * arguments) goes through {@link #safe}, so that no stored or typed character can move the cursor, rewrite the
 * screen, set the window title or reorder the line on the operator's terminal (terminal escape injection), and a
 * value can never break the tab-separated columns. The input rules refuse such characters in new data; this protects
 * against data written before them and against anything typed on the command line.
 */
final class TerminalText {
    private TerminalText() {
    }

    /**
     * {@code value} with each control character (C0, DEL, C1), Unicode format character (bidi overrides, zero-width)
     * and line or paragraph separator written as {@code \\uXXXX}, and a backslash doubled so that the escaping is
     * unambiguous. Everything else, letters of every script and emoji included, is printed as it is.
     */
    static String safe(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (escaped(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean escaped(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || (type == Character.FORMAT && c != 0x200D)
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
