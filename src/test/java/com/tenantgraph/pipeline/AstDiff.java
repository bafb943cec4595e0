package com.tenantgraph.pipeline;

import graphql.language.Comment;
import graphql.language.Description;
import graphql.language.IgnoredChar;
import graphql.language.IgnoredChars;
import graphql.language.Node;
import graphql.language.NodeChildrenContainer;
import graphql.language.SourceLocation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deep comparison of two graphql-java ASTs that names the first difference with its path, for example
 * {@code Document/OperationDefinition[0]/SelectionSet/Field[2]/Argument[0]/IntValue: sourceLocation 1:14 vs 1:15}.
 *
 * <p>Two nodes are equal when they have the same class, {@link Node#isEqualTo} holds, every property read through
 * the node's public no-argument getters is equal (names, operation, alias, the value of a literal with its exact
 * representation: a {@code BigInteger}, a {@code BigDecimal} with its scale, the decoded string; the
 * {@link SourceLocation} with line, column and source name; the comments, the ignored characters and the additional
 * data), and their children are equal by role ({@link Node#getNamedChildren()}: selections, arguments, directives,
 * value...) and in order ({@link Node#getChildren()}). Getters that return nodes are compared as children, not as
 * properties. Reading the getters by reflection means a property graphql-java adds in a later version is compared
 * without touching this class.
 */
final class AstDiff {

    private static final Map<Class<?>, List<Method>> PROPERTY_GETTERS = new ConcurrentHashMap<>();

    private AstDiff() {
    }

    /** The first difference between {@code expected} and {@code actual}, or empty when they are deeply equal. */
    static Optional<String> firstDifference(Node<?> expected, Node<?> actual) {
        return compare(expected.getClass().getSimpleName(), expected, actual);
    }

    private static Optional<String> compare(String path, Node<?> expected, Node<?> actual) {
        if (expected == null || actual == null) {
            return expected == actual ? Optional.empty()
                    : Optional.of(path + ": " + describe(expected) + " vs " + describe(actual));
        }
        if (expected.getClass() != actual.getClass()) {
            return Optional.of(path + ": class " + expected.getClass().getSimpleName() + " vs "
                    + actual.getClass().getSimpleName());
        }
        for (Method getter : propertyGetters(expected.getClass())) {
            Object expectedValue = normalize(invoke(getter, expected));
            Object actualValue = normalize(invoke(getter, actual));
            if (!Objects.equals(expectedValue, actualValue)) {
                return Optional.of(path + ": " + propertyName(getter) + " " + expectedValue + " vs " + actualValue);
            }
        }
        if (!expected.isEqualTo(actual)) {
            return Optional.of(path + ": isEqualTo is false (" + expected + " vs " + actual + ")");
        }
        Optional<String> byRole = compareNamedChildren(path, expected.getNamedChildren(), actual.getNamedChildren());
        if (byRole.isPresent()) {
            return byRole;
        }
        return compareInOrder(path, expected.getChildren(), actual.getChildren());
    }

    private static Optional<String> compareNamedChildren(String path, NodeChildrenContainer expected,
            NodeChildrenContainer actual) {
        TreeSet<String> roles = new TreeSet<>(expected.getChildren().keySet());
        roles.addAll(actual.getChildren().keySet());
        for (String role : roles) {
            List<Node> expectedChildren = nonNull(expected.getChildren().get(role));
            List<Node> actualChildren = nonNull(actual.getChildren().get(role));
            int common = Math.min(expectedChildren.size(), actualChildren.size());
            boolean indexed = role.endsWith("s") || expectedChildren.size() > 1 || actualChildren.size() > 1;
            for (int i = 0; i < common; i++) {
                Node<?> child = expectedChildren.get(i);
                String childPath = path + "/" + child.getClass().getSimpleName() + (indexed ? "[" + i + "]" : "");
                Optional<String> difference = compare(childPath, child, actualChildren.get(i));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            if (expectedChildren.size() != actualChildren.size()) {
                return Optional.of(path + ": " + role + " has " + expectedChildren.size() + " vs "
                        + actualChildren.size() + " nodes (" + expectedChildren + " vs " + actualChildren + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * The children in order: the same classes in the same order (their content was compared by role; comparing it
     * again here would double the work at every level).
     */
    private static Optional<String> compareInOrder(String path, List<Node> expected, List<Node> actual) {
        List<String> expectedClasses = expected.stream().map(node -> node.getClass().getSimpleName()).toList();
        List<String> actualClasses = actual.stream().map(node -> node.getClass().getSimpleName()).toList();
        if (!expectedClasses.equals(actualClasses)) {
            return Optional.of(path + ": getChildren() " + expectedClasses + " vs " + actualClasses);
        }
        return Optional.empty();
    }

    private static List<Node> nonNull(List<Node> nodes) {
        return nodes == null ? List.of() : nodes;
    }

    /** Public no-argument getters whose value is not a node nor a collection of nodes, sorted by name. */
    private static List<Method> propertyGetters(Class<?> type) {
        return PROPERTY_GETTERS.computeIfAbsent(type, t -> Arrays.stream(t.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getDeclaringClass() != Object.class)
                .filter(m -> m.getName().startsWith("get") || m.getName().startsWith("is"))
                .filter(m -> m.getReturnType() != void.class)
                .filter(m -> !Node.class.isAssignableFrom(m.getReturnType()))
                .filter(m -> !NodeChildrenContainer.class.isAssignableFrom(m.getReturnType()))
                .filter(m -> !isCollectionOfNodes(m))
                .filter(m -> !m.getName().equals("getChildren") && !m.getName().equals("getNamedChildren"))
                .sorted(Comparator.comparing(Method::getName))
                .toList());
    }

    private static boolean isCollectionOfNodes(Method getter) {
        if (!java.util.Collection.class.isAssignableFrom(getter.getReturnType())
                || !(getter.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType type)) {
            return false;
        }
        java.lang.reflect.Type element = type.getActualTypeArguments()[0];
        if (element instanceof java.lang.reflect.ParameterizedType parameterized) {
            element = parameterized.getRawType();
        }
        return element instanceof Class<?> elementClass && Node.class.isAssignableFrom(elementClass);
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            return "threw " + e.getCause();
        }
    }

    /**
     * A comparable, printable form of a property value: nodes inside collections are left to the child comparison,
     * and the value types without a useful {@code equals} are spelled out.
     */
    private static Object normalize(Object value) {
        if (value instanceof Node<?>) {
            return "<node>";
        }
        if (value instanceof SourceLocation location) {
            return location.getLine() + ":" + location.getColumn()
                    + (location.getSourceName() == null ? "" : " in " + location.getSourceName());
        }
        if (value instanceof Comment comment) {
            return "#" + comment.getContent() + "@" + normalize(comment.getSourceLocation());
        }
        if (value instanceof IgnoredChars chars) {
            return "left" + normalize(chars.getLeft()) + " right" + normalize(chars.getRight());
        }
        if (value instanceof IgnoredChar ignored) {
            return ignored.getKind() + "'" + ignored.getValue() + "'@" + normalize(ignored.getSourceLocation());
        }
        if (value instanceof Description description) {
            return "description '" + description.getContent() + "' multiLine=" + description.isMultiLine() + "@"
                    + normalize(description.getSourceLocation());
        }
        if (value instanceof BigDecimal decimal) {
            // BigDecimal.equals is scale-sensitive (1.50 is not 1.5), which is what graphql-java's parser preserves
            return decimal.unscaledValue() + "E-" + decimal.scale() + " (" + decimal + ")";
        }
        if (value instanceof String string) {
            return quote(string);
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> normalized = new ArrayList<>();
            iterable.forEach(element -> normalized.add(normalize(element)));
            return normalized;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> normalized = new java.util.TreeMap<>(Comparator.comparing(String::valueOf));
            map.forEach((k, v) -> normalized.put(normalize(k), normalize(v)));
            return normalized;
        }
        return value;
    }

    private static String describe(Node<?> node) {
        return node == null ? "null" : node.getClass().getSimpleName();
    }

    /** A string with its non-printable and non-ASCII characters escaped, so that a difference can be seen. */
    static String quote(String string) {
        StringBuilder quoted = new StringBuilder("\"");
        string.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                quoted.append(String.format("\\u%04X", c));
            } else {
                quoted.append((char) c);
            }
        });
        return quoted.append('"').toString();
    }
}
