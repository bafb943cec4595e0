package com.tenantgraph.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.tenantgraph.pipeline.SubscriptionEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which stream records are which change, and which are none. */
class StreamChangesTest {

    @Test
    void insertModifyAndSoftDelete_areCreatedUpdatedDeleted_onTheTasksTopic() {
        assertThat(kind("INSERT", null, task(1, false))).isEqualTo(SubscriptionEvent.Kind.CREATED);
        assertThat(kind("MODIFY", task(1, false), task(2, false))).isEqualTo(SubscriptionEvent.Kind.UPDATED);
        assertThat(kind("MODIFY", task(2, false), task(3, true))).isEqualTo(SubscriptionEvent.Kind.DELETED);
        StreamChanges.Change change = StreamChanges.read("MODIFY", record(task(1, false), task(2, false))).orElseThrow();
        assertThat(change.tenant().value()).isEqualTo("t-acme");
        assertThat(change.event().topic()).isEqualTo("TASKS#p1");
        assertThat(change.event().version()).isEqualTo(2);
    }

    @Test
    void thePurgeOfASoftDeletedItem_andOtherItems_areNoChange() {
        assertThat(StreamChanges.read("REMOVE", record(task(3, true), null))).isEmpty();
        assertThat(StreamChanges.read("MODIFY", record(task(3, true), task(4, true)))).isEmpty();
        Map<String, AttributeValue> counters = new HashMap<>(task(1, false));
        counters.put("entityType", new AttributeValue().withS("PROJECT_COUNTERS"));
        assertThat(StreamChanges.read("MODIFY", record(counters, counters))).isEmpty();
        assertThat(StreamChanges.read("REMOVE", record(task(1, false), null)).orElseThrow().event().kind())
                .isEqualTo(SubscriptionEvent.Kind.DELETED);
    }

    private static SubscriptionEvent.Kind kind(String name, Map<String, AttributeValue> before,
                                               Map<String, AttributeValue> after) {
        return StreamChanges.read(name, record(before, after)).orElseThrow().event().kind();
    }

    private static StreamRecord record(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        StreamRecord record = new StreamRecord();
        record.setOldImage(before);
        record.setNewImage(after);
        return record;
    }

    private static Map<String, AttributeValue> task(long version, boolean deleted) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", new AttributeValue().withS("TENANT#t-acme#TASK#p1#0000000001"));
        item.put("SK", new AttributeValue().withS("TASK"));
        item.put("entityType", new AttributeValue().withS("TASK"));
        item.put("tenantId", new AttributeValue().withS("t-acme"));
        item.put("projectId", new AttributeValue().withS("p1"));
        item.put("number", new AttributeValue().withN("1"));
        item.put("title", new AttributeValue().withS("T"));
        item.put("status", new AttributeValue().withS("TODO"));
        item.put("priority", new AttributeValue().withS("MEDIUM"));
        item.put("reporterId", new AttributeValue().withS("u1"));
        item.put("createdAt", new AttributeValue().withS("2026-12-05T12:00:00.000Z"));
        item.put("updatedAt", new AttributeValue().withS("2026-12-05T12:00:00.000Z"));
        item.put("version", new AttributeValue().withN(Long.toString(version)));
        if (deleted) {
            item.put("deletedAt", new AttributeValue().withS("2026-12-05T12:01:00.000Z"));
        }
        return item;
    }
}
