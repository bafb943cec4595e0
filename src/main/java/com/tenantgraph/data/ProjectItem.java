package com.tenantgraph.data;

import com.tenantgraph.data.model.Attribute;
import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project: item {@code TENANT#<t>#PROJECT#<p> / PROJECT}, listed in GSI1 by key while it is not soft-deleted.
 * Its task counts live in {@link ProjectCounters}, so counting never conflicts with editing. {@code partial} marks
 * a project read from an index, which lacks the attributes outside the projection (the description).
 */
public record ProjectItem(TenantId tenantId, String projectId, String key, String name, String description,
                          Instant createdAt, Instant updatedAt, long version, Instant deletedAt, boolean partial) {
    public static final String ENTITY_TYPE = "PROJECT";

    private static final Attribute<ProjectItem, String> TENANT =
            Attribute.<ProjectItem, String>of("tenantId", Codec.STRING, p -> p.tenantId.value()).required();
    private static final Attribute<ProjectItem, String> PROJECT_ID =
            Attribute.of("projectId", Codec.STRING, ProjectItem::projectId).required();
    private static final Attribute<ProjectItem, String> KEY = Attribute.of("key", Codec.STRING, ProjectItem::key)
            .required().rule(Rules.matches(Rules.PROJECT_KEY),
                    "2 to 10 upper-case letters or digits, starting with a letter");
    private static final Attribute<ProjectItem, String> NAME = Attribute.of("name", Codec.STRING, ProjectItem::name)
            .required().rule(Rules.text(Rules.NAME_MAX), "1 to " + Rules.NAME_MAX + " characters, not blank");
    private static final Attribute<ProjectItem, String> DESCRIPTION =
            Attribute.of("description", Codec.STRING, ProjectItem::description)
                    .rule(Rules.optionalText(Rules.PROJECT_DESCRIPTION_MAX),
                            "at most " + Rules.PROJECT_DESCRIPTION_MAX + " characters");
    private static final Attribute<ProjectItem, Instant> CREATED_AT =
            Attribute.of("createdAt", Codec.INSTANT, ProjectItem::createdAt);
    private static final Attribute<ProjectItem, Instant> UPDATED_AT =
            Attribute.of("updatedAt", Codec.INSTANT, ProjectItem::updatedAt);
    private static final Attribute<ProjectItem, Long> VERSION =
            Attribute.of(Attributes.VERSION, Codec.LONG, ProjectItem::version);
    private static final Attribute<ProjectItem, Instant> DELETED_AT =
            Attribute.of("deletedAt", Codec.INSTANT, ProjectItem::deletedAt);

    public static final EntityModel<ProjectItem> MODEL = EntityModel.of(ENTITY_TYPE,
            List.of(TENANT, PROJECT_ID, KEY, NAME, DESCRIPTION, CREATED_AT, UPDATED_AT, VERSION, DELETED_AT),
            ProjectItem::tableKey, ProjectItem::indexKeys, ProjectItem::read, EntityModel.Audit.STANDARD);

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

    /** The same project, marked as read from an index (fields outside the projection are missing). */
    public ProjectItem asPartial() {
        return new ProjectItem(tenantId, projectId, key, name, description, createdAt, updatedAt, version, deletedAt,
                true);
    }

    /** Listed by key while live; once soft-deleted, listed among the projects whose purge is pending, by id. */
    private Map<String, String> indexKeys() {
        return deleted() ? Map.of(Attributes.GSI1PK, Keys.purgingProjectsCollection(tenantId), Attributes.GSI1SK,
                projectId) : Map.of(Attributes.GSI1PK, Keys.projectsCollection(tenantId),
                Attributes.GSI1SK, Keys.projectSortKey(key, projectId));
    }

    private static ProjectItem read(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Long version = VERSION.read(item);
        return new ProjectItem(TenantId.of(TENANT.read(item)), PROJECT_ID.read(item), KEY.read(item), NAME.read(item),
                DESCRIPTION.read(item), CREATED_AT.read(item), UPDATED_AT.read(item), version == null ? 0 : version,
                DELETED_AT.read(item), false);
    }
}
