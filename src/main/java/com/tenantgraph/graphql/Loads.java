package com.tenantgraph.graphql;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.UserId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * To-one reads through the request's one DataLoader (keyed by table key, shared by every type): all loads of one
 * level of the query go out in one BatchGetItem. A missing item, an item of another type, or a soft-deleted one
 * completes with null. Every key is built with the caller's tenant, so another tenant's id finds nothing.
 */
final class Loads {
    private Loads() {
    }

    static CompletableFuture<ProjectItem> project(RequestContext context, String projectId) {
        return context.items().load(Keys.project(context.tenant(), projectId)).thenApply(Loads::liveProject);
    }

    static CompletableFuture<ProjectCounters> counters(RequestContext context, String projectId) {
        return context.items().load(Keys.projectCounters(context.tenant(), projectId))
                .thenApply(item -> ProjectCounters.MODEL.fromItem(item).orElse(null));
    }

    /** A task and its project in the same batch; null unless both exist and neither is soft-deleted. */
    static CompletableFuture<TaskItem> task(RequestContext context, String projectId, long number) {
        CompletableFuture<ProjectItem> project = project(context, projectId);
        return context.items().load(Keys.task(context.tenant(), projectId, number))
                .thenCombine(project, (item, p) -> p == null ? null : liveTask(item));
    }

    /** A comment, its task and its project in the same batch. */
    static CompletableFuture<CommentItem> comment(RequestContext context, Ids.CommentRef ref) {
        CompletableFuture<TaskItem> task = task(context, ref.projectId(), ref.number());
        return context.items().load(ref.key(context.tenant())).thenCombine(task,
                (item, t) -> t == null ? null : CommentItem.MODEL.fromItem(item).orElse(null));
    }

    static CompletableFuture<UserItem> user(RequestContext context, String userId) {
        if (userId == null || !UserId.isWellFormed(userId)) {
            return CompletableFuture.completedFuture(null);
        }
        return context.items().load(Keys.user(context.tenant(), UserId.of(userId))).thenApply(Loads::user);
    }

    /** The complete task item of a task read from an index (for fields outside the projection). */
    static CompletableFuture<TaskItem> complete(RequestContext context, TaskItem task) {
        if (!task.partial()) {
            return CompletableFuture.completedFuture(task);
        }
        return context.items().load(task.tableKey()).thenApply(item -> TaskItem.MODEL.fromItem(item).orElse(task));
    }

    static CompletableFuture<ProjectItem> complete(RequestContext context, ProjectItem project) {
        if (!project.partial()) {
            return CompletableFuture.completedFuture(project);
        }
        return context.items().load(project.tableKey())
                .thenApply(item -> ProjectItem.MODEL.fromItem(item).orElse(project));
    }

    static ProjectItem liveProject(Map<String, AttributeValue> item) {
        return ProjectItem.MODEL.fromItem(item).filter(p -> !p.deleted()).orElse(null);
    }

    static TaskItem liveTask(Map<String, AttributeValue> item) {
        return TaskItem.MODEL.fromItem(item).filter(t -> !t.deleted()).orElse(null);
    }

    static UserItem user(Map<String, AttributeValue> item) {
        return UserItem.MODEL.fromItem(item).orElse(null);
    }
}
