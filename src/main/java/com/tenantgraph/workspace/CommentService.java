package com.tenantgraph.workspace;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Comment writes (docs/data-model.md §7). "Own or any" is decided by the caller's role and enforced inside the write
 * ({@code authorId = :caller} in the condition), so nothing races between a check and the write.
 */
public final class CommentService {
    public static final String ADD = "addComment";

    private final Table table;
    private final Writes writes;
    private final Idempotency idempotency;

    public CommentService(Table table, Writes writes, Idempotency idempotency) {
        this.table = table;
        this.writes = writes;
        this.idempotency = idempotency;
    }

    public CommentItem add(TenantId tenant, UserId caller, String projectId, long number, String body,
                           IdempotencyKey key) {
        Instant now = writes.now();
        CommentItem comment = new CommentItem(tenant, projectId, number, UUID.randomUUID().toString(),
                caller.value(), body, now, null, 0);
        CommentItem.MODEL.validate(comment);
        Optional<TableKey> earlier = idempotency.replay(tenant, key, ADD, caller);
        if (earlier.isPresent()) {
            return load(earlier.get());
        }
        Writes.Prepared<CommentItem> item = writes.create(CommentItem.MODEL, comment, now);
        Writes.Transaction tx = writes.transaction("AddComment");
        tx.check(Keys.task(tenant, projectId, number),
                Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"));
        tx.check(Keys.project(tenant, projectId), Expr.of("attribute_exists(PK) AND attribute_not_exists(deletedAt)"));
        tx.put(item, Expr.of("attribute_not_exists(PK)"));
        int record = idempotency.record(tx, tenant, key, ADD, caller, comment.tableKey(), now);
        try {
            tx.execute();
        } catch (DataAccessException.ConditionFailedException e) {
            if (record >= 0 && e.failed(record)) {
                return load(idempotency.replay(tenant, key, ADD, caller).orElseThrow(() -> e));
            }
            throw ApiException.notFound("Task");
        }
        return item.entity();
    }

    /** Edits the body; {@code anyAuthor} is the role's right to edit others' comments. Returns the ALL_NEW item. */
    public CommentItem edit(TenantId tenant, UserId caller, boolean anyAuthor, TableKey comment, long expectedVersion,
                            String body) {
        CommentItem.MODEL.validate(CommentItem.BODY, body);
        Map<String, AttributeValue> estimate = Map.of("PK", AttributeValue.fromS(comment.pk()),
                "SK", AttributeValue.fromS(comment.sk()), CommentItem.BODY, AttributeValue.fromS(body),
                "meta", AttributeValue.fromS("x".repeat(1024)));
        try {
            Map<String, AttributeValue> written = writes.update("EditComment", CommentItem.MODEL, comment,
                    Update.set("#b = :b").name("#b", CommentItem.BODY).value(":b", body),
                    ownership(caller, anyAuthor, expectedVersion), ReturnValue.ALL_NEW, estimate);
            return CommentItem.MODEL.fromItem(written).orElseThrow(() -> ApiException.notFound("Comment"));
        } catch (DataAccessException.ConditionFailedException e) {
            throw refusal(caller, anyAuthor, e.oldItem(0));
        }
    }

    public void delete(TenantId tenant, UserId caller, boolean anyAuthor, TableKey comment, long expectedVersion) {
        try {
            writes.delete("DeleteComment", CommentItem.MODEL, comment, ownership(caller, anyAuthor, expectedVersion));
        } catch (DataAccessException.ConditionFailedException e) {
            throw refusal(caller, anyAuthor, e.oldItem(0));
        }
    }

    private static Expr ownership(UserId caller, boolean anyAuthor, long expectedVersion) {
        Expr condition = Expr.of("attribute_exists(PK) AND #e = :comment AND #v = :v"
                + (anyAuthor ? "" : " AND authorId = :me"))
                .name("#e", "entityType").value(":comment", CommentItem.ENTITY_TYPE)
                .name("#v", "version").value(":v", expectedVersion);
        return anyAuthor ? condition : condition.value(":me", caller.value());
    }

    private static ApiException refusal(UserId caller, boolean anyAuthor, Map<String, AttributeValue> old) {
        Optional<CommentItem> current = CommentItem.MODEL.fromItem(old);
        if (current.isEmpty()) {
            return ApiException.notFound("Comment");
        }
        if (!anyAuthor && !current.get().authorId().equals(caller.value())) {
            return new ApiException(ErrorCode.FORBIDDEN, "Your role may edit or delete only your own comments");
        }
        return ApiException.conflict("The comment", current.get().version());
    }

    private CommentItem load(TableKey key) {
        return table.getConsistent(key, "GetComment").flatMap(CommentItem.MODEL::fromItem)
                .orElseThrow(() -> ApiException.notFound("Comment"));
    }
}
