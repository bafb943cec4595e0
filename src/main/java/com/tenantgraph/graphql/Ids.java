package com.tenantgraph.graphql;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The global ids of the node types (docs/data-model.md §5): each encodes its type and its primary key inside the
 * tenant, with immutable parts only (a task id holds the project id and the number, never the project key; a comment
 * id its creation time in epoch milliseconds, since its sort key holds it). Decoding checks the type and the shape of
 * every part: a malformed id, or an id of another type, is BAD_USER_INPUT on the argument's field.
 */
final class Ids {
    static final String PROJECT = "Project";
    static final String TASK = "Task";
    static final String COMMENT = "Comment";
    static final String USER = "User";
    static final String TENANT = "Tenant";
    private static final Pattern UUID_LIKE = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,9}");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,15}");

    private Ids() {
    }

    record TaskRef(String projectId, long number) {
        TableKey key(TenantId tenant) {
            return Keys.task(tenant, projectId, number);
        }
    }

    record CommentRef(String projectId, long number, Instant createdAt, String commentId) {
        TableKey key(TenantId tenant) {
            return Keys.comment(tenant, projectId, number, createdAt, commentId);
        }
    }

    static String project(ProjectItem project) {
        return GlobalId.encode(PROJECT, project.projectId());
    }

    static String task(TaskItem task) {
        return GlobalId.encode(TASK, task.projectId(), Long.toString(task.number()));
    }

    static String comment(CommentItem comment) {
        return GlobalId.encode(COMMENT, comment.projectId(), Long.toString(comment.number()),
                Long.toString(comment.createdAt().toEpochMilli()), comment.commentId());
    }

    static String user(UserItem user) {
        return ofUser(user.userId());
    }

    static String ofUser(UserId user) {
        return GlobalId.encode(USER, user.value());
    }

    static String tenant(TenantItem tenant) {
        return GlobalId.encode(TENANT, tenant.tenantId().value());
    }

    static String projectId(String id, String field) {
        return projectId(GlobalId.decode(id, field), field);
    }

    static String projectId(GlobalId id, String field) {
        return uuid(expect(id, field, PROJECT, 1).keyParts().get(0), field);
    }

    static TaskRef taskRef(String id, String field) {
        return taskRef(GlobalId.decode(id, field), field);
    }

    static TaskRef taskRef(GlobalId id, String field) {
        GlobalId decoded = expect(id, field, TASK, 2);
        return new TaskRef(uuid(decoded.keyParts().get(0), field), number(decoded.keyParts().get(1), field));
    }

    static CommentRef commentRef(String id, String field) {
        return commentRef(GlobalId.decode(id, field), field);
    }

    static CommentRef commentRef(GlobalId id, String field) {
        GlobalId decoded = expect(id, field, COMMENT, 4);
        String millis = decoded.keyParts().get(2);
        if (!MILLIS.matcher(millis).matches()) {
            throw malformed(field);
        }
        return new CommentRef(uuid(decoded.keyParts().get(0), field), number(decoded.keyParts().get(1), field),
                Instant.ofEpochMilli(Long.parseLong(millis)), uuid(decoded.keyParts().get(3), field));
    }

    /** A global id of type User (the one decoding of user ids, for every argument that names a user). */
    static UserId userId(String id, String field) {
        return userId(GlobalId.decode(id, field), field);
    }

    static UserId userId(GlobalId id, String field) {
        String value = expect(id, field, USER, 1).keyParts().get(0);
        if (!UserId.isWellFormed(value)) {
            throw malformed(field);
        }
        return UserId.of(value);
    }

    private static GlobalId expect(GlobalId decoded, String field, String type, int parts) {
        if (!decoded.type().equals(type) || decoded.keyParts().size() != parts) {
            throw ApiException.badInput(field, "Expected the id of a " + type);
        }
        return decoded;
    }

    static String uuid(String value, String field) {
        if (!UUID_LIKE.matcher(value).matches()) {
            throw malformed(field);
        }
        return value;
    }

    static long number(String value, String field) {
        if (!DIGITS.matcher(value).matches()) {
            throw malformed(field);
        }
        return Long.parseLong(value);
    }

    private static ApiException malformed(String field) {
        return ApiException.badInput(field, "Malformed id");
    }
}
