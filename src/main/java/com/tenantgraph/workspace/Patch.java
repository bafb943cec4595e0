package com.tenantgraph.workspace;

import java.util.function.Function;

/**
 * One field of a partial update: omitted (unchanged), or given, possibly as null (cleared). GraphQL tells the two
 * apart by the presence of the key in the input map; this keeps the difference all the way to the write.
 */
public record Patch<T>(boolean present, T value) {
    private static final Patch<?> OMITTED = new Patch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> omitted() {
        return (Patch<T>) OMITTED;
    }

    public static <T> Patch<T> of(T value) {
        return new Patch<>(true, value);
    }

    /** The new value, or {@code current} when omitted. */
    public T or(T current) {
        return present ? value : current;
    }

    public <R> Patch<R> map(Function<T, R> mapper) {
        return present ? new Patch<>(true, value == null ? null : mapper.apply(value)) : omitted();
    }
}
