package com.tenantgraph.graphql;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.pipeline.RoleMatrix;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.workspace.CommentService;
import com.tenantgraph.workspace.IdempotencyKey;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Comments: a comment's id, task and author, and the comment mutations. Editing or deleting is guarded by the "own"
 * action; whether the member may touch anyone's comment ({@code *_ANY_COMMENT}) is decided here from the role matrix
 * and checked against the comment's author where the data is.
 */
final class CommentWiring {
    private CommentWiring() {
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        wiring.type("Comment", t -> t
                        .dataFetcher("id", env -> Ids.comment(env.getSource()))
                        .dataFetcher("task", env -> {
                            CommentItem comment = env.getSource();
                            return Loads.task(RequestContext.of(env), comment.projectId(), comment.number())
                                    .thenApply(task -> Arguments.found(task, "Task"));
                        })
                        .dataFetcher("author", env -> Loads.user(RequestContext.of(env),
                                env.<CommentItem>getSource().authorId())))
                .type("Mutation", t -> t
                        .dataFetcher("addComment", Guard.mutation(Action.ADD_COMMENT,
                                (env, member) -> add(services, env, member)))
                        .dataFetcher("editComment", guardedCommentWrite(services, Action.EDIT_OWN_COMMENT,
                                Action.EDIT_ANY_COMMENT, (input, member, any, key, version) -> Arguments.payload(
                                        "comment", services.comments().edit(member.tenant(), member.user(), any,
                                                key, version, (String) input.get("body")))))
                        .dataFetcher("deleteComment", guardedCommentWrite(services, Action.DELETE_OWN_COMMENT,
                                Action.DELETE_ANY_COMMENT, (input, member, any, key, version) -> {
                                    services.comments().delete(member.tenant(), member.user(), any, key, version);
                                    return Arguments.payload("deletedCommentId", input.get("id"));
                                })));
    }

    private static CompletableFuture<Map<String, Object>> add(Services services, DataFetchingEnvironment env,
                                                              Member member) {
        Map<String, Object> input = Arguments.input(env);
        IdempotencyKey key = Arguments.idempotencyKey(CommentService.ADD, input);
        Ids.TaskRef ref = Ids.taskRef((String) input.get("taskId"), "taskId");
        return Arguments.run(services, () -> {
            CommentItem comment = services.comments().add(member.tenant(), member.user(), ref.projectId(),
                    ref.number(), (String) input.get("body"), key);
            return Arguments.payload("clientMutationId", input.get("clientMutationId"), "comment", comment);
        });
    }

    /**
     * The shape shared by editing and deleting a comment: the mutation is guarded by the "own" action, the member may
     * touch anyone's comment when the role matrix allows {@code anyAction}, the comment's task and project must be
     * live, then {@code write} runs on the I/O pool.
     */
    private static DataFetcher<CompletableFuture<Map<String, Object>>> guardedCommentWrite(
            Services services, Action ownAction, Action anyAction, CommentWrite write) {
        return Guard.mutation(ownAction, (env, member) -> {
            Map<String, Object> input = Arguments.input(env);
            Ids.CommentRef ref = Ids.commentRef((String) input.get("id"), "id");
            long version = Arguments.expectedVersion(input);
            boolean any = RoleMatrix.allows(member.role(), anyAction);
            return Arguments.run(services, () -> {
                requireLiveTask(services, member, ref);
                return write.apply(input, member, any, ref.key(member.tenant()), version);
            });
        });
    }

    /** The write of an edit or delete once {@link #guardedCommentWrite} has checked the member and the comment. */
    @FunctionalInterface
    private interface CommentWrite {
        Map<String, Object> apply(Map<String, Object> input, Member member, boolean any, TableKey key, long version);
    }

    /**
     * A comment whose task or project is deleted is not found, for writes as for reads: one consistent BatchGetItem
     * of both before the single-item write (a delete landing between the two only means the purge removes the
     * edited comment).
     */
    private static void requireLiveTask(Services services, Member member, Ids.CommentRef ref) {
        List<Map<String, AttributeValue>> items = services.batchGetter().getAll(List.of(
                Keys.task(member.tenant(), ref.projectId(), ref.number()), Keys.project(member.tenant(),
                        ref.projectId())));
        if (Loads.liveTask(items.get(0)) == null || Loads.liveProject(items.get(1)) == null) {
            throw ApiException.notFound("Comment");
        }
    }
}
