package com.tenantgraph.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One value of a parsed template and the place it came from ({@code template.yaml Resources.Api.Properties.Cors}), so
 * that every complaint about the template names that place. The value is what {@link CloudFormationYaml} built: a
 * mapping, a sequence, or a scalar (string, number, boolean). An absent value is a node too ({@link #isPresent()}
 * false): optional properties read without null checks, and a required one says which it is when it is missing.
 */
public record TemplateNode(String source, String path, Object value) {

    public boolean isPresent() {
        return value != null;
    }

    /** The value under {@code key}, absent when this node is absent or has no such key. */
    public TemplateNode get(String key) {
        Object child = isPresent() ? mapping().get(key) : null;
        return new TemplateNode(source, path.isEmpty() ? key : path + "." + key, child);
    }

    /** The value under {@code key}, which must be there. */
    public TemplateNode require(String key) {
        TemplateNode child = get(key);
        if (!child.isPresent()) {
            throw child.problem("is missing");
        }
        return child;
    }

    /** The entries of a mapping, in the template's order; none when this node is absent. */
    public Map<String, TemplateNode> entries() {
        Map<String, TemplateNode> entries = new LinkedHashMap<>();
        if (isPresent()) {
            mapping().keySet().forEach(key -> entries.put(key, get(key)));
        }
        return Collections.unmodifiableMap(entries);
    }

    /** The items of a sequence; none when this node is absent. */
    public List<TemplateNode> items() {
        if (!isPresent()) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw problem("must be a list, not " + kind());
        }
        return IntStream.range(0, list.size())
                .mapToObj(i -> new TemplateNode(source, path + "[" + i + "]", list.get(i)))
                .toList();
    }

    /** A plain value (string, number or boolean) as text; an intrinsic function or a collection is an error. */
    public String text() {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw problem(isPresent() ? "must be a plain value, not " + kind() : "is missing");
    }

    /** {@link #text()}, or {@code fallback} when the value is absent. */
    public String textOr(String fallback) {
        return isPresent() ? text() : fallback;
    }

    /**
     * The intrinsic function this value is, in long form ({@code Ref}, {@code Fn::GetAtt}, …) whichever form the
     * template wrote; empty for any other value.
     */
    public Optional<Map.Entry<String, TemplateNode>> intrinsic() {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return Optional.empty();
        }
        String name = String.valueOf(map.keySet().iterator().next());
        if (!name.equals("Ref") && !name.equals("Condition") && !name.startsWith("Fn::")) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(name, get(name)));
    }

    /** An error about this value, naming the file and the place in it. */
    public IllegalArgumentException problem(String message) {
        return new IllegalArgumentException(source + " " + (path.isEmpty() ? "(the document)" : path) + " " + message);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mapping() {
        if (!(value instanceof Map<?, ?>)) {
            throw problem("must be a mapping, not " + kind());
        }
        return (Map<String, Object>) value;
    }

    private String kind() {
        if (value instanceof Map<?, ?>) {
            return intrinsic().map(function -> "the intrinsic function " + function.getKey()).orElse("a mapping");
        }
        return value instanceof List<?> ? "a list" : "the value " + value;
    }
}
