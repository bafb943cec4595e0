package com.tenantgraph.data.model;

import com.tenantgraph.data.Attributes;
import com.tenantgraph.data.Timestamps;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sets the audit fields the model declares: on create the creation time (kept if the entity already carries it, as a
 * comment does because its key contains it), the update time and version 1; on replace the update time and the
 * previous version plus one, keeping the stored creation time. Callers never set them.
 */
public final class AuditHook implements WriteHook {
    @Override
    public void beforeCreate(EntityModel<?> model, Map<String, AttributeValue> item, Instant now) {
        EntityModel.Audit audit = model.audit();
        AttributeValue at = AttributeValue.fromS(Timestamps.format(now));
        if (audit.createdAt() != null) {
            item.putIfAbsent(audit.createdAt(), at);
        }
        if (audit.updatedOnCreate() != null) {
            item.put(audit.updatedOnCreate(), item.getOrDefault(audit.createdAt(), at));
        }
        if (audit.versioned()) {
            item.put(Attributes.VERSION, AttributeValue.fromN("1"));
        }
    }

    @Override
    public void beforeReplace(EntityModel<?> model, Map<String, AttributeValue> item, long previousVersion,
                              Instant now) {
        EntityModel.Audit audit = model.audit();
        if (audit.updatedOnUpdate() != null) {
            item.put(audit.updatedOnUpdate(), AttributeValue.fromS(Timestamps.format(now)));
        }
        if (audit.versioned()) {
            item.put(Attributes.VERSION, AttributeValue.fromN(Long.toString(previousVersion + 1)));
        }
    }
}
