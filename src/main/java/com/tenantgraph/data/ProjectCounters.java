package com.tenantgraph.data;

import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A project's counters: item {@code TENANT#<t>#PROJECT#<p> / COUNTERS}. {@code nextNumber} hands out task numbers by a
 * single-item atomic update; {@code taskCount} (a map by status) changes only in the transactions that create, delete
 * or move a task, so it always agrees with the tasks.
 */
public record ProjectCounters(TenantId tenantId, String projectId, long nextNumber, Map<TaskStatus, Long> taskCount,
                              Instant deletedAt) {
    public static final String ENTITY_TYPE = "PROJECT_COUNTERS";
    public static final String NEXT_NUMBER = "nextNumber";
    public static final String TASK_COUNT = "taskCount";
    /**
     * Set only on a soft-deleted project's counters: the next task number its purge has to remove (every number below
     * it is gone). The purge advances it after each batch, so a purge resumed anywhere continues where it stopped.
     */
    public static final String PURGE_NEXT = "purgeNext";

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final Codec<Map> COUNTS = Codec.of(
            counts -> {
                Map<String, AttributeValue> map = new java.util.HashMap<>();
                ((Map<TaskStatus, Long>) counts).forEach((status, n) -> map.put(status.name(),
                        AttributeValue.fromN(Long.toString(n))));
                return AttributeValue.fromM(map);
            },
            value -> {
                Map<TaskStatus, Long> counts = zero();
                value.m().forEach((status, n) -> counts.put(TaskStatus.valueOf(status), Long.parseLong(n.n())));
                return counts;
            });

    public static final EntityModel<ProjectCounters> MODEL = EntityModel.of(ProjectCounters.class, ENTITY_TYPE)
            .required("tenantId", "projectId").readOnly("tenantId", "projectId")
            .attribute(NEXT_NUMBER, Long.class, a -> a.defaultValue(1L))
            .attribute(TASK_COUNT, Map.class, a -> a.codec(COUNTS))
            .key(c -> Keys.projectCounters(c.tenantId, c.projectId))
            .build();

    public ProjectCounters {
        taskCount = taskCount == null ? zero() : taskCount;
    }

    /** The counters of a new project: next number 1, no tasks. */
    public static ProjectCounters initial(TenantId tenant, String projectId) {
        return new ProjectCounters(tenant, projectId, 1, zero(), null);
    }

    public long count(TaskStatus status) {
        return taskCount.getOrDefault(status, 0L);
    }

    public long total() {
        return taskCount.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TaskStatus, Long> zero() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }
}
