package com.tenantgraph.data.model;

import com.tenantgraph.data.TableKey;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One write of one entity, as the plugins see it: its kind, the operation it belongs to (for logs), the model, the
 * item's key and time, and its body. A create or a replace carries the full new {@link #item()} (a replace also the
 * {@link #previousVersion()}); an update expression carries its {@link #update()} and, when the caller knows it, a
 * bound on the item it leaves ({@link #estimatedItem()}); a delete carries only its key. Plugins may add to the item
 * or the update in {@link Plugin#before}.
 */
public record Write(Kind kind, String operation, EntityModel<?> model, TableKey key, Instant now,
                    Map<String, AttributeValue> item, long previousVersion, Update update,
                    Map<String, AttributeValue> estimatedItem) {
    /** The three operations a plugin can hook. A replace of the full item is an UPDATE. */
    public enum Kind {
        CREATE, UPDATE, DELETE
    }

    /** True for a replace (full item) or a create; false for an update expression or a delete. */
    public boolean hasItem() {
        return item != null;
    }
}
