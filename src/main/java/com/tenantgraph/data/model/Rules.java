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

    public static Predicate<String> matches(Pattern pattern) {
        return s -> pattern.matcher(s).matches();
    }

    /** At most {@link #LABELS_MAX} distinct labels, each 1 to {@link #LABEL_MAX} letters, digits and a few marks. */
    public static Predicate<List<String>> labels() {
        return labels -> labels.size() <= LABELS_MAX && new HashSet<>(labels).size() == labels.size()
                && labels.stream().allMatch(l -> l.length() <= LABEL_MAX && LABEL.matcher(l).matches());
    }
}
