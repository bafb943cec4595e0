package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

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
final class CommentWiring implements Dispatch.Reads<CommentWiring.Field>, Dispatch.Writes<CommentWiring.Mutation> {
    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        COMMENT_ID("Comment", "id"),
        COMMENT_TASK("Comment", "task"),
        COMMENT_AUTHOR("Comment", "author");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    /**
     * The comment mutations, each with the action the Guard checks (editing and deleting: the "own" action, the
     * "any" one is decided in {@link #changeComment}); {@link #write} has a case for each.
     */
    enum Mutation {
        ADD_COMMENT("addComment", Action.ADD_COMMENT),
        EDIT_COMMENT("editComment", Action.EDIT_OWN_COMMENT),
        DELETE_COMMENT("deleteComment", Action.DELETE_OWN_COMMENT);

        final String fieldName;
        final Action action;

        Mutation(String fieldName, Action action) {
            this.fieldName = fieldName;
            this.action = action;
        }
    }

    private final Services services;

    private CommentWiring(Services services) {
        this.services = services;
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        CommentWiring area = new CommentWiring(services);
        for (Field field : Field.values()) {
            wiring.type(newTypeWiring(field.type).dataFetcher(field.fieldName, new Dispatch.Read<>(area, field)));
        }
        for (Mutation mutation : Mutation.values()) {
            wiring.type(newTypeWiring("Mutation").dataFetcher(mutation.fieldName,
                    Guard.mutation(mutation.action, new Dispatch.Write<>(area, mutation))));
        }
    }

    @Override
    public Object read(Field field, DataFetchingEnvironment env) {
        CommentItem comment = env.getSource();
        return switch (field) {
            case COMMENT_ID -> Ids.comment(comment);
            case COMMENT_TASK -> Loads.task(RequestContext.of(env), comment.projectId(), comment.number())
                    .thenApply(task -> Arguments.found(task, "Task"));
            case COMMENT_AUTHOR -> Loads.user(RequestContext.of(env), comment.authorId());
        };
    }

    /** The comment mutations, run by the Guard once the caller may. */
    @Override
    public CompletableFuture<Map<String, Object>> write(Mutation mutation, DataFetchingEnvironment env, Member member) {
        return switch (mutation) {
            case ADD_COMMENT -> add(services, env, member);
            case EDIT_COMMENT -> changeComment(services, env, member, Action.EDIT_ANY_COMMENT,
                    (input, any, key, version) -> Arguments.payload("comment", services.comments().edit(
                            member.tenant(), member.user(), any, key, version, (String) input.get("body"))));
            case DELETE_COMMENT -> changeComment(services, env, member, Action.DELETE_ANY_COMMENT,
                    (input, any, key, version) -> {
                        services.comments().delete(member.tenant(), member.user(), any, key, version);
                        return Arguments.payload("deletedCommentId", input.get("id"));
                    });
        };
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
     * The shape shared by editing and deleting a comment, once the Guard has allowed the "own" action: the member may
     * touch anyone's comment when the role matrix allows {@code anyAction}, the comment's task and project must be
     * live, then {@code write} runs on the I/O pool.
     */
    private static CompletableFuture<Map<String, Object>> changeComment(Services services, DataFetchingEnvironment env,
                                                                        Member member, Action anyAction,
                                                                        CommentWrite write) {
        Map<String, Object> input = Arguments.input(env);
        Ids.CommentRef ref = Ids.commentRef((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        boolean any = RoleMatrix.allows(member.role(), anyAction);
        return Arguments.run(services, () -> {
            requireLiveTask(services, member, ref);
            return write.apply(input, any, ref.key(member.tenant()), version);
        });
    }

    /** The write of an edit or delete once {@link #changeComment} has checked the member and the comment. */
    @FunctionalInterface
    private interface CommentWrite {
        Map<String, Object> apply(Map<String, Object> input, boolean any, TableKey key, long version);
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
