package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.tenancy.TenantId;

/**
 * Uniqueness of a project key in a tenant: item {@code TENANT#<t>#PROJECTKEY#<KEY> / PROJECTKEY}, written in the same
 * transaction as the project (a failed {@code attribute_not_exists} means the key is taken). It also serves "project
 * by key" and "task by number" with a consistent read.
 */
public record ProjectKeyMarker(TenantId tenantId, String key, String projectId) {
    public static final String ENTITY_TYPE = "PROJECT_KEY";

    public static final EntityModel<ProjectKeyMarker> MODEL = EntityModel.of(ProjectKeyMarker.class, ENTITY_TYPE)
            .required("tenantId", "key", "projectId").readOnly("tenantId", "key")
            .key(m -> Keys.projectKeyMarker(m.tenantId, m.key))
            .build();
}
