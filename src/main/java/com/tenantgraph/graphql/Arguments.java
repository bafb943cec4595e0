package com.tenantgraph.graphql;

import com.tenantgraph.data.Sha256;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.workspace.Idempotency;
import com.tenantgraph.workspace.IdempotencyKey;
import com.tenantgraph.workspace.Patch;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What every mutation reads from its {@code input} and how it answers, in one place: the input object, patches
 * (omitted is not null), {@code expectedVersion} (validated here, the same for every type), the idempotency key of a
 * create, the payload, and the hop onto the I/O executor where the blocking write runs.
 */
final class Arguments {
    private Arguments() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> input(DataFetchingEnvironment env) {
        return (Map<String, Object>) env.getArgument("input");
    }

    /** An omitted field is {@link Patch#omitted()}; a field given as null is a patch to null. */
    @SuppressWarnings("unchecked")
    static <T> Patch<T> patch(Map<String, Object> input, String field) {
        return input.containsKey(field) ? Patch.of((T) input.get(field)) : Patch.omitted();
    }

    /** BAD_USER_INPUT unless exactly one of two alternative arguments is given (naming the first when neither is). */
    static void exactlyOne(Object first, String firstName, Object second, String secondName) {
        if ((first == null) == (second == null)) {
            throw ApiException.badInput(first == null ? firstName : secondName,
                    "Give exactly one of " + firstName + " and " + secondName);
        }
    }

    /** The version the caller last read: 1 or more, else BAD_USER_INPUT on {@code expectedVersion}. */
    static long expectedVersion(Map<String, Object> input) {
        Object value = input.get("expectedVersion");
        if (!(value instanceof Number number) || number.longValue() < 1) {
            throw ApiException.badInput("expectedVersion", "expectedVersion is a version number, 1 or more");
        }
        return number.longValue();
    }

    /**
     * The idempotency key of a create: its clientMutationId and a hash of the rest of the input in a canonical form
     * (sorted keys), so a retry of the same request matches and another request under the same key does not.
     */
    static IdempotencyKey idempotencyKey(String operation, Map<String, Object> input) {
        String id = (String) input.get("clientMutationId");
        if (id == null) {
            return null;
        }
        Idempotency.validate(id);
        Map<String, Object> rest = new TreeMap<>(input);
        rest.remove("clientMutationId");
        return new IdempotencyKey(id, Sha256.hex(operation + "\n" + canonical(rest)));
    }

    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Arguments::canonical).toList().toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    /** A payload from key/value pairs; a null value is kept (a payload field may be null). */
    static Map<String, Object> payload(Object... entries) {
        Map<String, Object> payload = new HashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            payload.put((String) entries[i], entries[i + 1]);
        }
        return payload;
    }

    /** Runs a blocking write on the I/O executor. */
    static CompletableFuture<Map<String, Object>> run(Services services, Supplier<Map<String, Object>> write) {
        return CompletableFuture.supplyAsync(write, services.io());
    }

    /** Not found is an error with a null field, for an id of another tenant exactly as for one that never existed. */
    static <T> T found(T value, String what) {
        if (value == null) {
            throw ApiException.notFound(what);
        }
        return value;
    }
}
