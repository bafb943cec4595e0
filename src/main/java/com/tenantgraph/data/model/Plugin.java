package com.tenantgraph.data.model;

/**
 * A hook on every write of a model, whatever its path (a Put in a transaction or alone, an UpdateItem, a DeleteItem):
 * {@link #before} runs while the write is prepared and may change it (add attributes to the item, clauses to the
 * update), {@link #after} runs once the write is known to be applied. {@link Write#kind()} says which operation it is.
 * The audit fields, the item-size guard and the audit log are plugins ({@link Plugins}); a model adds its own with
 * {@link EntityModel.Builder#plugin}. Conditions (versions, uniqueness) are never plugins: they stay explicit at each
 * call site, where a reader can see what protects the data.
 */
public interface Plugin {
    default void before(Write write) {
    }

    default void after(Write write) {
    }
}
