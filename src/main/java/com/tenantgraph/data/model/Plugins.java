package com.tenantgraph.data.model;

import com.tenantgraph.data.Attributes;
import com.tenantgraph.data.ItemSize;
import com.tenantgraph.data.Timestamps;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The plugins every model carries, in this order: audit fields, (the model's own), item size, audit log. */
public final class Plugins {
    private Plugins() {
    }

    /**
     * Sets the audit fields the model declares: on create the creation time (kept if the entity already carries it, as
     * a comment does because its key contains it), the update time and version 1; on a replace the update time and
     * the previous version plus one; on an update expression the same two as clauses. Callers never set them.
     */
    public static final Plugin AUDIT = new Plugin() {
        @Override
        public void before(Write write) {
            EntityModel.Audit audit = write.model().audit();
            String now = Timestamps.format(write.now());
            if (write.kind() == Write.Kind.CREATE) {
                Map<String, AttributeValue> item = write.item();
                if (audit.createdAt() != null) {
                    item.putIfAbsent(audit.createdAt(), AttributeValue.fromS(now));
                }
                if (audit.updatedAt() != null && audit.updatedOnCreate()) {
                    item.put(audit.updatedAt(), item.getOrDefault(audit.createdAt(), AttributeValue.fromS(now)));
                }
                if (audit.versioned()) {
                    item.put(Attributes.VERSION, AttributeValue.fromN("1"));
                }
            } else if (write.kind() == Write.Kind.UPDATE && write.hasItem()) {
                if (audit.updatedAt() != null) {
                    write.item().put(audit.updatedAt(), AttributeValue.fromS(now));
                }
                if (audit.versioned()) {
                    write.item().put(Attributes.VERSION, AttributeValue.fromN(Long.toString(write.previousVersion() + 1)));
                }
            } else if (write.kind() == Write.Kind.UPDATE && !write.update().isCounter()) {
                if (audit.updatedAt() != null) {
                    write.update().andSet("#auditUpdated = :auditNow").name("#auditUpdated", audit.updatedAt())
                            .value(":auditNow", now);
                }
                if (audit.versioned()) {
                    write.update().andSet("#auditVersion = #auditVersion + :auditOne")
                            .name("#auditVersion", Attributes.VERSION).value(":auditOne", 1);
                }
            }
        }
    };

    /** DynamoDB's 400 KB item limit, checked on the full new item (or the caller's bound on it; moto does not). */
    public static final Plugin ITEM_SIZE = new Plugin() {
        @Override
        public void before(Write write) {
            if (write.hasItem()) {
                ItemSize.check(write.item());
            } else if (write.estimatedItem() != null) {
                ItemSize.check(write.estimatedItem());
            }
        }
    };

    /**
     * One structured line per applied write ({@code tenantgraph.audit}): what was done to which kind of entity by which
     * operation; the request's id, tenant and user come with every line from the logging context. No key and no
     * value is logged (an email marker's key is an email address).
     */
    public static final Plugin AUDIT_LOG = new Plugin() {
        private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.audit");

        @Override
        public void after(Write write) {
            LOG.atInfo().setMessage("write applied").addKeyValue("action", write.kind())
                    .addKeyValue("entityType", write.model().entityType())
                    .addKeyValue("operation", write.operation()).log();
        }
    };
}
