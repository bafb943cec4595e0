package com.tenantgraph.data.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An update expression built clause by clause, so plugins can add their own ({@code updatedAt}, {@code version + 1})
 * to the caller's: {@code Update.set("#name = :name").name("#name", "name").value(":name", "Acme")}. The builder
 * methods add to this update; {@link Writes} adds its clauses to a {@link #copy()}, never to the caller's.
 */
public final class Update {
    private final List<String> set = new ArrayList<>();
    private final List<String> add = new ArrayList<>();
    private final List<String> remove = new ArrayList<>();
    private final Expr placeholders = Expr.of("");
    private boolean counter;

    private Update() {
    }

    /**
     * A counter kept on an entity's item that is not an edit of the entity (a tenant's count of ADMINs): the audit
     * plugin leaves its version and update time alone, so no client's optimistic lock is broken by it.
     */
    public static Update counter(String clause) {
        Update update = set(clause);
        update.counter = true;
        return update;
    }

    public boolean isCounter() {
        return counter;
    }

    public static Update set(String clause) {
        return new Update().andSet(clause);
    }

    public static Update add(String clause) {
        return new Update().andAdd(clause);
    }

    public Update andSet(String clause) {
        set.add(clause);
        return this;
    }

    /** An update that removes attributes or map entries ({@code #subs.#id}); plugins may still add SET clauses. */
    public static Update remove(String clause) {
        return new Update().andRemove(clause);
    }

    public Update andRemove(String clause) {
        remove.add(clause);
        return this;
    }

    public Update andAdd(String clause) {
        add.add(clause);
        return this;
    }

    public Update name(String placeholder, String attribute) {
        placeholders.name(placeholder, attribute);
        return this;
    }

    public Update value(String placeholder, String value) {
        placeholders.value(placeholder, value);
        return this;
    }

    public Update value(String placeholder, long value) {
        placeholders.value(placeholder, value);
        return this;
    }

    public Update value(String placeholder, AttributeValue value) {
        placeholders.value(placeholder, value);
        return this;
    }

    /**
     * A copy that can be added to without touching this one: a write extends its own copy with the plugins' and the
     * write id's clauses, so the caller's update stays as the caller built it (and can be sent again).
     */
    Update copy() {
        Update copy = new Update();
        copy.set.addAll(set);
        copy.add.addAll(add);
        copy.remove.addAll(remove);
        Map<String, String> names = placeholders.names();
        if (names != null) {
            names.forEach(copy.placeholders::name);
        }
        Map<String, AttributeValue> values = placeholders.values();
        if (values != null) {
            values.forEach(copy.placeholders::value);
        }
        copy.counter = counter;
        return copy;
    }

    /** The expression, with every placeholder. */
    Expr toExpr() {
        StringBuilder text = new StringBuilder();
        if (!set.isEmpty()) {
            text.append("SET ").append(String.join(", ", set));
        }
        if (!add.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append("ADD ").append(String.join(", ", add));
        }
        if (!remove.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", remove));
        }
        Expr expr = Expr.of(text.toString());
        Map<String, String> names = placeholders.names();
        if (names != null) {
            names.forEach(expr::name);
        }
        Map<String, AttributeValue> values = placeholders.values();
        if (values != null) {
            values.forEach(expr::value);
        }
        return expr;
    }
}
