package com.tenantgraph.local.streams;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Lambda event filtering, for the {@code FilterCriteria} of an event source mapping: a record is sent to the function
 * when it matches any of the patterns (none: every record). A pattern is a JSON object whose keys follow the record's
 * fields; at a leaf, an array of matchers of which one must match the field's value (or, when the value is an array,
 * one of its elements): a string, number, boolean or null literal; {@code {"prefix"}}, {@code {"suffix"}},
 * {@code {"equals-ignore-case"}}; {@code {"exists": true|false}}; {@code {"anything-but": value | [values] |
 * {"prefix"}}}; {@code {"numeric": [op, n, ...]}}. Other matchers are refused when the pattern is read, rather than
 * silently never matching.
 */
public final class EventFilter {
    private final List<Map<String, Object>> patterns;

    private EventFilter(List<Map<String, Object>> patterns) {
        this.patterns = patterns;
    }

    /** The filter of these pattern texts (JSON, as in the template); no patterns lets everything through. */
    @SuppressWarnings("unchecked")
    public static EventFilter of(List<String> patternTexts) {
        List<Map<String, Object>> patterns = patternTexts.stream().map(text -> {
            try {
                if (JSON.std.anyFrom(text) instanceof Map<?, ?> map) {
                    checkPattern((Map<String, Object>) map, text);
                    return (Map<String, Object>) map;
                }
            } catch (IOException e) {
                // refused below
            }
            throw new IllegalArgumentException("a filter pattern must be a JSON object: " + text);
        }).toList();
        return new EventFilter(patterns);
    }

    public boolean admits(Map<String, Object> record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> matchesObject(pattern, record));
    }

    @SuppressWarnings("unchecked")
    private static boolean matchesObject(Map<String, Object> pattern, Object value) {
        Map<String, Object> object = value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        for (var entry : pattern.entrySet()) {
            Object field = object.get(entry.getKey());
            boolean matched = entry.getValue() instanceof Map<?, ?> nested
                    ? matchesObject((Map<String, Object>) nested, field)
                    : matchesAny((List<Object>) entry.getValue(), field, object.containsKey(entry.getKey()));
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(List<Object> matchers, Object value, boolean present) {
        for (Object matcher : matchers) {
            if (matcher instanceof Map<?, ?> rule && rule.containsKey("exists")) {
                boolean leaf = present && value != null && !(value instanceof Map<?, ?>); // exists applies to leaves
                if (Boolean.TRUE.equals(rule.get("exists")) == leaf) {
                    return true;
                }
                continue;
            }
            if (value instanceof List<?> values ? values.stream().anyMatch(v -> matches(matcher, v))
                    : present && matches(matcher, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Object matcher, Object value) {
        if (!(matcher instanceof Map<?, ?> rule)) {
            return literal(matcher, value);
        }
        var entry = rule.entrySet().iterator().next();
        Object operand = entry.getValue();
        return switch (String.valueOf(entry.getKey())) {
            case "prefix" -> value instanceof String s && s.startsWith(String.valueOf(operand));
            case "suffix" -> value instanceof String s && s.endsWith(String.valueOf(operand));
            case "equals-ignore-case" -> value instanceof String s && s.equalsIgnoreCase(String.valueOf(operand));
            case "anything-but" -> !anythingButExcludes(operand, value);
            case "numeric" -> numeric((List<?>) operand, value);
            default -> false;
        };
    }

    private static boolean anythingButExcludes(Object operand, Object value) {
        if (operand instanceof List<?> values) {
            return values.stream().anyMatch(excluded -> literal(excluded, value));
        }
        if (operand instanceof Map<?, ?> rule) {
            return matches(rule, value);
        }
        return literal(operand, value);
    }

    private static boolean numeric(List<?> conditions, Object value) {
        BigDecimal number = number(value);
        if (number == null) {
            return false;
        }
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            int comparison = number.compareTo(number(conditions.get(i + 1)));
            boolean holds = switch (String.valueOf(conditions.get(i))) {
                case "=" -> comparison == 0;
                case "<" -> comparison < 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                case ">=" -> comparison >= 0;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static boolean literal(Object expected, Object value) {
        if (expected == null || value == null) {
            return expected == value;
        }
        BigDecimal a = number(expected);
        BigDecimal b = number(value);
        if (expected instanceof Number && a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        return expected.equals(value);
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void checkPattern(Map<String, Object> pattern, String text) {
        for (Object value : pattern.values()) {
            if (value instanceof Map<?, ?> nested) {
                checkPattern((Map<String, Object>) nested, text);
            } else if (value instanceof List<?> matchers) {
                for (Object matcher : matchers) {
                    if (matcher instanceof Map<?, ?> rule && (rule.size() != 1 || !List.of("prefix", "suffix",
                            "equals-ignore-case", "exists", "anything-but", "numeric")
                            .contains(String.valueOf(rule.keySet().iterator().next())))) {
                        throw new IllegalArgumentException("the local event source mapping does not reproduce the"
                                + " filter rule " + rule + " in " + text);
                    }
                }
            } else {
                throw new IllegalArgumentException("a filter pattern's leaves must be arrays of matchers: " + text);
            }
        }
    }
}
