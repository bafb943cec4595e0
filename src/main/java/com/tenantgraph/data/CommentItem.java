package com.tenantgraph.data;

import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;

/**
 * A comment: item {@code TENANT#<t>#TASK#<p>#<n10> / COMMENT#<createdAt>#<commentId>}, in its task's partition, so
 * "comments of a task" is one consistent Query of the base table in creation order.
 */
public record CommentItem(TenantId tenantId, String projectId, long number, String commentId, String authorId,
                          String body, Instant createdAt, Instant editedAt, long version) {
    public static final String ENTITY_TYPE = "COMMENT";
    public static final String BODY = "body";

    /** createdAt is part of the key, so the layer sets it before the key is built; edits set editedAt. */
    public static final EntityModel<CommentItem> MODEL = EntityModel.of(CommentItem.class, ENTITY_TYPE)
            .required("tenantId", "projectId", "number", "commentId", "authorId", "createdAt")
            .readOnly("tenantId", "projectId", "number", "commentId", "authorId")
            .attribute(BODY, String.class, a -> a.required()
                    .rule(Rules.text(Rules.COMMENT_MAX), "1 to " + Rules.COMMENT_MAX + " characters, not blank"))
            .editTimestamps("createdAt", "editedAt").versioned()
            .key(CommentItem::tableKey)
            .build();

    /** Comments of a task in creation order (base table, consistent). */
    public static Query<CommentItem> ofTask(TenantId tenant, String projectId, long number) {
        return MODEL.query(null, Keys.taskPartition(tenant, projectId, number)).beginsWith(Keys.COMMENT_PREFIX)
                .consistent();
    }

    public TableKey tableKey() {
        return Keys.comment(tenantId, projectId, number, createdAt, commentId);
    }
}
