package com.tenantgraph.data.model;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A cross-cutting part of every write, run by {@link Writes} before the item goes out:
 * audit fields, the item-size guard. Conditions (versions, uniqueness) are never hooks: they stay explicit at
 * each call site, where a reader can see what protects the data.
 */
public interface WriteHook {
    /** Before a new item is written; may add attributes. */
    default void beforeCreate(EntityModel<?> model, Map<String, AttributeValue> item, Instant now) {
    }

    /** Before an item replaces its previous state, whose version was {@code previousVersion}. */
    default void beforeReplace(EntityModel<?> model, Map<String, AttributeValue> item, long previousVersion,
                               Instant now) {
    }
}
