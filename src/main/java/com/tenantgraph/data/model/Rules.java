package com.tenantgraph.data.model;

import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules the entities' attributes use, and the limits of every free-text field (one place, docs/data-model.md
 * §10): they keep any item far below DynamoDB's 400 KB, and the item-size guard checks the full item anyway.
 */
public final class Rules {
    public static final int NAME_MAX = 100;
    public static final int PROJECT_DESCRIPTION_MAX = 10_000;
    public static final int TITLE_MAX = 200;
    public static final int TASK_DESCRIPTION_MAX = 20_000;
    public static final int LABELS_MAX = 20;
    public static final int LABEL_MAX = 40;
    public static final int COMMENT_MAX = 10_000;
    public static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9]{1,9}");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/+-]*");

    private Rules() {
    }

    /** Not blank, at most {@code max} characters (code points). */
    public static Predicate<String> text(int max) {
        return s -> !s.isBlank() && s.codePointCount(0, s.length()) <= max;
    }

    /** May be empty, at most {@code max} characters. */
    public static Predicate<String> optionalText(int max) {
        return s -> s.codePointCount(0, s.length()) <= max;
    }

    /**
     * Whether DynamoDB can store the text as given: well-formed UTF-16 (an unpaired surrogate has no UTF-8 form, so
     * it would be silently replaced or refused) and no NUL character. Every string attribute is checked, before
     * anything is written or reserved.
     */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The message of a text {@link #storable} refuses. */
    public static final String NOT_STORABLE = "must be valid Unicode text (no unpaired surrogate, no NUL character)";

    public static Predicate<String> matches(Pattern pattern) {
        return s -> pattern.matcher(s).matches();
    }

    /** At most {@link #LABELS_MAX} distinct labels, each 1 to {@link #LABEL_MAX} letters, digits and a few marks. */
    public static Predicate<List<String>> labels() {
        return labels -> labels.size() <= LABELS_MAX && new HashSet<>(labels).size() == labels.size()
                && labels.stream().allMatch(l -> l.length() <= LABEL_MAX && LABEL.matcher(l).matches());
    }
}
