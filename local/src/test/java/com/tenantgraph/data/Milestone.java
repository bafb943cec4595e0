package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.IndexKey;
import com.tenantgraph.data.model.Plugin;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.data.model.Write;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.time.LocalDate;

/** A milestone of a project: the worked example of docs/modeling.md (ModelingGuideIT keeps the two identical). */
public record Milestone(TenantId tenantId, String projectId, String key, String title, LocalDate dueDate,
                        boolean reached, Instant createdAt, Instant updatedAt, long version) {
    public static final EntityModel<Milestone> MODEL = EntityModel.of(Milestone.class, "MILESTONE")
            .required("tenantId", "projectId", "key", "dueDate")
            .readOnly("tenantId", "projectId", "key")
            .attribute("title", String.class, a -> a.required().rule(Rules.text(100), "1 to 100 characters"))
            .timestamps("createdAt", "updatedAt").versioned()
            .key(m -> new TableKey(Keys.tenantPartition(m.tenantId, "PROJECT", m.projectId, "MILESTONES"), m.key))
            .index(Keys.GSI1, m -> m.reached ? null : new IndexKey(openPartition(m.tenantId),
                    m.dueDate + Keys.DELIMITER + m.projectId + Keys.DELIMITER + m.key))
            .plugin(new Plugin() {
                @Override
                public void before(Write write) {
                    if (write.kind() == Write.Kind.CREATE && write.item().get("reached").bool()) {
                        throw ApiException.badInput("reached", "a new milestone cannot be reached already");
                    }
                }
            })
            .build();

    /** The milestones of a project, by key (base table, consistent). */
    public static Query<Milestone> ofProject(TenantId tenant, String projectId) {
        return MODEL.query(null, Keys.tenantPartition(tenant, "PROJECT", projectId, "MILESTONES")).consistent();
    }

    /** The tenant's open milestones due before {@code date}, soonest first (GSI1: sparse, projected attributes). */
    public static Query<Milestone> openDueBefore(TenantId tenant, LocalDate date) {
        return MODEL.query(Keys.GSI1, openPartition(tenant)).lessThan(date.toString());
    }

    private static String openPartition(TenantId tenant) {
        return Keys.tenantPartition(tenant, "MILESTONES", "OPEN");
    }
}
