package com.tenantgraph.graphql;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.pipeline.RoleMatrix;
import com.tenantgraph.workspace.Idempotency;
import com.tenantgraph.workspace.IdempotencyKey;
import com.tenantgraph.workspace.Patch;
import com.tenantgraph.workspace.ProjectService;
import com.tenantgraph.workspace.TaskService;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The domain's mutations. Each is registered only through {@link Guard#mutation} with its {@link Action}: the guard
 * waits for the membership check and applies the role matrix before anything is written. The write itself runs on the
 * I/O executor; its payload is built from the item it wrote.
 */
final class MutationWiring {
    private MutationWiring() {
    }

    static RuntimeWiring.Builder register(RuntimeWiring.Builder wiring, DomainServices services) {
        Writes w = new Writes(services);
        return wiring.type("Mutation", t -> t
                .dataFetcher("createProject", Guard.mutation(Action.CREATE_PROJECT, w::createProject))
                .dataFetcher("updateProject", Guard.mutation(Action.UPDATE_PROJECT, w::updateProject))
                .dataFetcher("deleteProject", Guard.mutation(Action.DELETE_PROJECT, w::deleteProject))
                .dataFetcher("createTask", Guard.mutation(Action.CREATE_TASK, w::createTask))
                .dataFetcher("updateTask", Guard.mutation(Action.UPDATE_TASK, w::updateTask))
                .dataFetcher("deleteTask", Guard.mutation(Action.DELETE_TASK, w::deleteTask))
                .dataFetcher("addComment", Guard.mutation(Action.ADD_COMMENT, w::addComment))
                .dataFetcher("editComment", Guard.mutation(Action.EDIT_OWN_COMMENT, w::editComment))
                .dataFetcher("deleteComment", Guard.mutation(Action.DELETE_OWN_COMMENT, w::deleteComment)));
    }

    /** The write resolvers. */
    private static final class Writes {
        private final DomainServices services;

        Writes(DomainServices services) {
            this.services = services;
        }

        CompletableFuture<Map<String, Object>> createProject(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            IdempotencyKey key = idempotencyKey(ProjectService.CREATE, input);
            return run(() -> {
                ProjectItem project = services.projects().create(member.tenantId(), member.userId(),
                        new ProjectService.NewProject((String) input.get("key"), (String) input.get("name"),
                                (String) input.get("description")), key);
                return payload("clientMutationId", input.get("clientMutationId"), "project", project);
            });
        }

        CompletableFuture<Map<String, Object>> updateProject(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            String projectId = Ids.projectId((String) input.get("id"), "id");
            ProjectService.ProjectChanges changes = new ProjectService.ProjectChanges(patch(input, "key"),
                    patch(input, "name"), patch(input, "description"));
            return run(() -> payload("project", services.projects().update(member.tenantId(), projectId,
                    version(input), changes)));
        }

        CompletableFuture<Map<String, Object>> deleteProject(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            String projectId = Ids.projectId((String) input.get("id"), "id");
            return run(() -> {
                services.projects().delete(member.tenantId(), projectId, version(input));
                return payload("deletedProjectId", input.get("id"));
            });
        }

        CompletableFuture<Map<String, Object>> createTask(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            IdempotencyKey key = idempotencyKey(TaskService.CREATE, input);
            String projectId = Ids.projectId((String) input.get("projectId"), "projectId");
            String assignee = input.get("assigneeId") == null ? null
                    : Ids.userId((String) input.get("assigneeId"), "assigneeId").value();
            TaskService.NewTask task = new TaskService.NewTask(projectId, (String) input.get("title"),
                    (String) input.get("description"), status(input.get("status")), priority(input.get("priority")),
                    assignee, (LocalDate) input.get("dueDate"), labels(input.get("labels")));
            return run(() -> {
                TaskItem created = services.tasks().create(member.tenantId(), member.userId(), task, key);
                return payload("clientMutationId", input.get("clientMutationId"), "task", created);
            });
        }

        CompletableFuture<Map<String, Object>> updateTask(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            Ids.TaskRef ref = Ids.taskRef((String) input.get("id"), "id");
            Patch<String> assignee = MutationWiring.<String>patch(input, "assigneeId")
                    .map(id -> Ids.userId(id, "assigneeId").value());
            TaskService.TaskChanges changes = new TaskService.TaskChanges(patch(input, "title"),
                    patch(input, "description"), MutationWiring.<String>patch(input, "status")
                    .map(TaskStatus::valueOf), MutationWiring.<String>patch(input, "priority")
                    .map(TaskPriority::valueOf), assignee, patch(input, "dueDate"),
                    MutationWiring.<Object>patch(input, "labels").map(MutationWiring::labels));
            return run(() -> payload("task", services.tasks().update(member.tenantId(), ref.projectId(),
                    ref.number(), version(input), changes)));
        }

        CompletableFuture<Map<String, Object>> deleteTask(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            Ids.TaskRef ref = Ids.taskRef((String) input.get("id"), "id");
            return run(() -> {
                services.tasks().delete(member.tenantId(), ref.projectId(), ref.number(), version(input));
                return payload("deletedTaskId", input.get("id"));
            });
        }

        CompletableFuture<Map<String, Object>> addComment(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            IdempotencyKey key = idempotencyKey(com.tenantgraph.workspace.CommentService.ADD, input);
            Ids.TaskRef ref = Ids.taskRef((String) input.get("taskId"), "taskId");
            return run(() -> {
                CommentItem comment = services.comments().add(member.tenantId(), member.userId(), ref.projectId(),
                        ref.number(), (String) input.get("body"), key);
                return payload("clientMutationId", input.get("clientMutationId"), "comment", comment);
            });
        }

        CompletableFuture<Map<String, Object>> editComment(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            Ids.CommentRef ref = Ids.commentRef((String) input.get("id"), "id");
            boolean any = RoleMatrix.allows(member.role(), Action.EDIT_ANY_COMMENT);
            return run(() -> payload("comment", services.comments().edit(member.tenantId(), member.userId(), any,
                    ref.key(member.tenantId()), version(input), (String) input.get("body"))));
        }

        CompletableFuture<Map<String, Object>> deleteComment(DataFetchingEnvironment env, UserItem member) {
            Map<String, Object> input = env.getArgument("input");
            Ids.CommentRef ref = Ids.commentRef((String) input.get("id"), "id");
            boolean any = RoleMatrix.allows(member.role(), Action.DELETE_ANY_COMMENT);
            return run(() -> {
                services.comments().delete(member.tenantId(), member.userId(), any, ref.key(member.tenantId()),
                        version(input));
                return payload("deletedCommentId", input.get("id"));
            });
        }

        private CompletableFuture<Map<String, Object>> run(Supplier<Map<String, Object>> write) {
            return CompletableFuture.supplyAsync(write, services.io());
        }
    }

    /** An omitted field is {@link Patch#omitted()}; a field given as null is a patch to null. */
    @SuppressWarnings("unchecked")
    static <T> Patch<T> patch(Map<String, Object> input, String field) {
        return input.containsKey(field) ? Patch.of((T) input.get(field)) : Patch.omitted();
    }

    /**
     * The idempotency key of a create: its clientMutationId and a hash of the rest of the input in a canonical form
     * (sorted keys), so a retry of the same request matches and another request under the same key does not.
     */
    static IdempotencyKey idempotencyKey(String operation, Map<String, Object> input) {
        String id = (String) input.get("clientMutationId");
        if (id == null) {
            return null;
        }
        Idempotency.validate(id);
        Map<String, Object> rest = new TreeMap<>(input);
        rest.remove("clientMutationId");
        return new IdempotencyKey(id, Idempotency.hash(operation + "\n" + canonical(rest)));
    }

    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MutationWiring::canonical).toList().toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }

    private static long version(Map<String, Object> input) {
        return ((Number) input.get("expectedVersion")).longValue();
    }

    private static TaskStatus status(Object value) {
        return value == null ? null : TaskStatus.valueOf((String) value);
    }

    private static TaskPriority priority(Object value) {
        return value == null ? null : TaskPriority.valueOf((String) value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> labels(Object value) {
        return value == null ? null : List.copyOf((List<String>) value);
    }

    private static Map<String, Object> payload(Object... entries) {
        Map<String, Object> payload = new HashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            payload.put((String) entries[i], entries[i + 1]);
        }
        return payload;
    }

    static RequestContext context(DataFetchingEnvironment env) {
        return RequestContext.of(env);
    }
}
