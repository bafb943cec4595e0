package com.tenantgraph.subscriptions;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Topics;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.pipeline.SubscriptionEvent;
import com.tenantgraph.tenancy.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads one stream record (NEW_AND_OLD_IMAGES) as a domain change: a project, task or comment created, updated or
 * deleted, in which tenant and on which topic. A soft delete (deletedAt set) is the DELETED event; the later purge of
 * an already deleted item, and every other entity type, is no event at all (the event source mapping's filter already
 * keeps the others out; this is the same rule, in code the tests run).
 */
final class StreamChanges {
    private StreamChanges() {
    }

    /** A change of one tenant's object. */
    record Change(TenantId tenant, SubscriptionEvent event) {
    }

    static Optional<Change> read(String eventName, StreamRecord record) {
        Map<String, AttributeValue> newImage = convert(record.getNewImage());
        Map<String, AttributeValue> oldImage = convert(record.getOldImage());
        SubscriptionEvent.Kind kind;
        Map<String, AttributeValue> item;
        switch (eventName == null ? "" : eventName) {
            case "INSERT" -> {
                kind = deleted(newImage) ? null : SubscriptionEvent.Kind.CREATED;
                item = newImage;
            }
            case "MODIFY" -> {
                kind = deleted(oldImage) ? null
                        : deleted(newImage) ? SubscriptionEvent.Kind.DELETED : SubscriptionEvent.Kind.UPDATED;
                item = newImage;
            }
            case "REMOVE" -> {
                kind = deleted(oldImage) ? null : SubscriptionEvent.Kind.DELETED;
                item = oldImage;
            }
            default -> {
                kind = null;
                item = Map.of();
            }
        }
        if (kind == null || item.isEmpty()) {
            return Optional.empty();
        }
        return topic(item).map(topic -> new Change(TenantId.of(item.get("tenantId").s()),
                new SubscriptionEvent(topic, kind, version(item), item)));
    }

    private static Optional<String> topic(Map<String, AttributeValue> item) {
        AttributeValue type = item.get("entityType");
        if (type == null || type.s() == null || !item.containsKey("tenantId")) {
            return Optional.empty();
        }
        return switch (type.s()) {
            case ProjectItem.ENTITY_TYPE -> ProjectItem.MODEL.fromItem(item).map(p -> Topics.project(p.projectId()));
            case TaskItem.ENTITY_TYPE -> TaskItem.MODEL.fromItem(item).map(t -> Topics.tasks(t.projectId()));
            case CommentItem.ENTITY_TYPE -> CommentItem.MODEL.fromItem(item)
                    .map(c -> Topics.comments(c.projectId(), c.number()));
            default -> Optional.empty();
        };
    }

    private static boolean deleted(Map<String, AttributeValue> image) {
        AttributeValue deletedAt = image.get("deletedAt");
        return deletedAt != null && !Boolean.TRUE.equals(deletedAt.nul());
    }

    private static long version(Map<String, AttributeValue> item) {
        AttributeValue version = item.get("version");
        return version == null || version.n() == null ? 0 : Long.parseLong(version.n());
    }

    /** The Lambda event's attribute values as the SDK's, so the data layer's models read them. */
    static Map<String, AttributeValue> convert(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        image.forEach((name, value) -> converted.put(name, convert(value)));
        return converted;
    }

    private static AttributeValue convert(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getBS() != null) {
            return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(convert(v.getM()));
        }
        if (v.getL() != null) {
            List<AttributeValue> list = v.getL().stream().map(StreamChanges::convert).toList();
            return AttributeValue.fromL(list);
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        return AttributeValue.fromNul(true);
    }
}
