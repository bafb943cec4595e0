package com.tenantgraph.data;

import com.tenantgraph.data.model.Attribute;
import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;
import java.util.List;
import java.util.Map;

/**
 * Uniqueness of a project key in a tenant: item {@code TENANT#<t>#PROJECTKEY#<KEY> / PROJECTKEY}, written in the same
 * transaction as the project (a failed {@code attribute_not_exists} means the key is taken). It also serves "project
 * by key" and "task by number" with a consistent read.
 */
public record ProjectKeyMarker(TenantId tenantId, String key, String projectId) {
    public static final String ENTITY_TYPE = "PROJECT_KEY";

    private static final Attribute<ProjectKeyMarker, String> TENANT =
            Attribute.<ProjectKeyMarker, String>of("tenantId", Codec.STRING, m -> m.tenantId.value()).required();
    private static final Attribute<ProjectKeyMarker, String> PROJECT_ID =
            Attribute.of("projectId", Codec.STRING, ProjectKeyMarker::projectId).required();
    private static final Attribute<ProjectKeyMarker, String> KEY =
            Attribute.of("key", Codec.STRING, ProjectKeyMarker::key).required();

    public static final EntityModel<ProjectKeyMarker> MODEL = EntityModel.of(ENTITY_TYPE,
            List.of(TENANT, PROJECT_ID, KEY), m -> Keys.projectKeyMarker(m.tenantId, m.key), m -> Map.of(),
            item -> new ProjectKeyMarker(TenantId.of(TENANT.read(item)), KEY.read(item), PROJECT_ID.read(item)),
            EntityModel.Audit.NONE);
}
