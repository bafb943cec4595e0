package com.tenantgraph.data;

import com.tenantgraph.data.model.Attribute;
import com.tenantgraph.data.model.Codec;
import com.tenantgraph.data.model.EntityModel;
import com.tenantgraph.data.model.Rules;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A comment: item {@code TENANT#<t>#TASK#<p>#<n10> / COMMENT#<createdAt>#<commentId>}, in its task's partition, so
 * "comments of a task" is one consistent Query of the base table in creation order.
 */
public record CommentItem(TenantId tenantId, String projectId, long number, String commentId, String authorId,
                          String body, Instant createdAt, Instant editedAt, long version) {
    public static final String ENTITY_TYPE = "COMMENT";
    public static final String BODY = "body";

    private static final Attribute<CommentItem, String> TENANT =
            Attribute.<CommentItem, String>of("tenantId", Codec.STRING, c -> c.tenantId.value()).required();
    private static final Attribute<CommentItem, String> PROJECT_ID =
            Attribute.of("projectId", Codec.STRING, CommentItem::projectId).required();
    private static final Attribute<CommentItem, Long> NUMBER =
            Attribute.of("number", Codec.LONG, CommentItem::number).required();
    private static final Attribute<CommentItem, String> COMMENT_ID =
            Attribute.of("commentId", Codec.STRING, CommentItem::commentId).required();
    private static final Attribute<CommentItem, String> AUTHOR =
            Attribute.of("authorId", Codec.STRING, CommentItem::authorId).required();
    public static final Attribute<CommentItem, String> BODY_ATTRIBUTE =
            Attribute.of(BODY, Codec.STRING, CommentItem::body).required()
                    .rule(Rules.text(Rules.COMMENT_MAX), "1 to " + Rules.COMMENT_MAX + " characters, not blank");
    private static final Attribute<CommentItem, Instant> CREATED_AT =
            Attribute.of("createdAt", Codec.INSTANT, CommentItem::createdAt).required();
    private static final Attribute<CommentItem, Instant> EDITED_AT =
            Attribute.of("editedAt", Codec.INSTANT, CommentItem::editedAt);
    private static final Attribute<CommentItem, Long> VERSION =
            Attribute.of(Attributes.VERSION, Codec.LONG, CommentItem::version);

    /** createdAt is part of the key, so the layer sets it before the key is built; edits set editedAt. */
    public static final EntityModel<CommentItem> MODEL = EntityModel.of(ENTITY_TYPE,
            List.of(TENANT, PROJECT_ID, NUMBER, COMMENT_ID, AUTHOR, BODY_ATTRIBUTE, CREATED_AT, EDITED_AT, VERSION),
            CommentItem::tableKey, c -> Map.of(), CommentItem::read,
            new EntityModel.Audit("createdAt", "editedAt", null, true));

    public TableKey tableKey() {
        return Keys.comment(tenantId, projectId, number, createdAt, commentId);
    }


    private static CommentItem read(Map<String, AttributeValue> item) {
        Long version = VERSION.read(item);
        return new CommentItem(TenantId.of(TENANT.read(item)), PROJECT_ID.read(item), NUMBER.read(item),
                COMMENT_ID.read(item), AUTHOR.read(item), BODY_ATTRIBUTE.read(item), CREATED_AT.read(item),
                EDITED_AT.read(item), version == null ? 0 : version);
    }
}
