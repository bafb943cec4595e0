package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.IndexKey;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;

/**
 * A project: item {@code TENANT#<t>#PROJECT#<p> / PROJECT}, listed in GSI1 by key while it is not soft-deleted,
 * then among the tenant's projects whose purge is pending until the purge deletes it.
 * Its task counts live in {@link ProjectCounters}, so counting never conflicts with editing. {@code partial} marks
 * a project read from an index, which lacks the attributes outside the projection (the description).
 */
public record ProjectItem(TenantId tenantId, String projectId, String key, String name, String description,
                          Instant createdAt, Instant updatedAt, long version, Instant deletedAt, boolean partial) {
    public static final String ENTITY_TYPE = "PROJECT";

    public static final EntityModel<ProjectItem> MODEL = EntityModel.of(ProjectItem.class, ENTITY_TYPE)
            .required("tenantId", "projectId").readOnly("tenantId", "projectId")
            .attribute("key", String.class, a -> a.required().rule(Rules.matches(Rules.PROJECT_KEY),
                    "2 to 10 upper-case letters or digits, starting with a letter"))
            .attribute("name", String.class, a -> a.required()
                    .rule(Rules.text(Rules.NAME_MAX), "1 to " + Rules.NAME_MAX + " characters, not blank"))
            .attribute("description", String.class, a -> a.rule(Rules.optionalText(Rules.PROJECT_DESCRIPTION_MAX),
                    "at most " + Rules.PROJECT_DESCRIPTION_MAX + " characters"))
            .timestamps("createdAt", "updatedAt").versioned().partialFlag("partial")
            .key(ProjectItem::tableKey)
            // listed by key while live; once soft-deleted, among the projects whose purge is pending, by id
            .index(Keys.GSI1, p -> p.deleted() ? new IndexKey(Keys.purgingProjectsCollection(p.tenantId), p.projectId)
                    : new IndexKey(Keys.projectsCollection(p.tenantId), Keys.projectSortKey(p.key, p.projectId)))
            .build();

    /** Projects of a tenant in key order (GSI1). */
    public static Query<ProjectItem> ofTenant(TenantId tenant) {
        return MODEL.query(Keys.GSI1, Keys.projectsCollection(tenant));
    }

    /** Soft-deleted projects of a tenant whose purge has not finished, by id (GSI1). */
    public static Query<ProjectItem> purging(TenantId tenant) {
        return MODEL.query(Keys.GSI1, Keys.purgingProjectsCollection(tenant));
    }

    /** A new project as a caller describes it; ids, keys and audit fields are the layer's. */
    public static ProjectItem draft(TenantId tenant, String projectId, String key, String name, String description) {
        return new ProjectItem(tenant, projectId, key, name, description, null, null, 0, null, false);
    }

    public TableKey tableKey() {
        return Keys.project(tenantId, projectId);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public ProjectItem withChanges(String newKey, String newName, String newDescription) {
        return new ProjectItem(tenantId, projectId, newKey, newName, newDescription, createdAt, updatedAt, version,
                deletedAt, false);
    }

    public ProjectItem softDeleted(Instant at) {
        return new ProjectItem(tenantId, projectId, key, name, description, createdAt, updatedAt, version, at, false);
    }

}
