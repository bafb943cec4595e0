package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.workspace.IdempotencyKey;
import com.tenantgraph.workspace.Patch;
import com.tenantgraph.workspace.TaskService;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tasks: {@code task} (by id or by number such as WEB-42), {@code tasksDueBefore}, a task's fields that are not plain
 * properties (its project, people, description, labels, comments), and the task mutations.
 */
final class TaskWiring implements Dispatch.Reads<TaskWiring.Field>, Dispatch.Writes<TaskWiring.Mutation> {
    private static final Pattern TASK_NUMBER = Pattern.compile("([A-Za-z][A-Za-z0-9]{1,9})-([1-9][0-9]{0,9})");

    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        QUERY_TASK("Query", "task"),
        QUERY_TASKS_DUE_BEFORE("Query", "tasksDueBefore"),
        TASK_ID("Task", "id"),
        TASK_IDENTIFIER("Task", "identifier"),
        TASK_PROJECT("Task", "project"),
        TASK_ASSIGNEE("Task", "assignee"),
        TASK_REPORTER("Task", "reporter"),
        TASK_DESCRIPTION("Task", "description"),
        TASK_LABELS("Task", "labels"),
        TASK_COMMENTS("Task", "comments");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    /** The task mutations, each with the action the Guard checks; {@link #write} has a case for each. */
    enum Mutation {
        CREATE_TASK("createTask", Action.CREATE_TASK),
        UPDATE_TASK("updateTask", Action.UPDATE_TASK),
        DELETE_TASK("deleteTask", Action.DELETE_TASK);

        final String fieldName;
        final Action action;

        Mutation(String fieldName, Action action) {
            this.fieldName = fieldName;
            this.action = action;
        }
    }

    private final Services services;

    private TaskWiring(Services services) {
        this.services = services;
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        TaskWiring area = new TaskWiring(services);
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
        return switch (field) {
            case QUERY_TASK -> task(services, env);
            case QUERY_TASKS_DUE_BEFORE -> tasksDueBefore(services, env);
            case TASK_ID -> Ids.task(env.getSource());
            case TASK_IDENTIFIER -> identifier(env);
            case TASK_PROJECT -> Loads.project(RequestContext.of(env), env.<TaskItem>getSource().projectId())
                    .thenApply(p -> Arguments.found(p, "Project"));
            case TASK_ASSIGNEE -> Loads.user(RequestContext.of(env), env.<TaskItem>getSource().assigneeId());
            // the reporter's id is in every index projection: even a listed task's is one batched load
            case TASK_REPORTER -> Loads.user(RequestContext.of(env), env.<TaskItem>getSource().reporterId());
            case TASK_DESCRIPTION -> Loads.complete(RequestContext.of(env), env.<TaskItem>getSource())
                    .thenApply(TaskItem::description);
            case TASK_LABELS -> Loads.complete(RequestContext.of(env), env.<TaskItem>getSource())
                    .thenApply(TaskItem::labels);
            case TASK_COMMENTS -> comments(services, env);
        };
    }

    /** The task mutations, run by the Guard once the caller may. */
    @Override
    public CompletableFuture<Map<String, Object>> write(Mutation mutation, DataFetchingEnvironment env, Member member) {
        return switch (mutation) {
            case CREATE_TASK -> create(services, env, member);
            case UPDATE_TASK -> update(services, env, member);
            case DELETE_TASK -> delete(services, env, member);
        };
    }

    /** The {@code filter.status} argument of a task list; null when not given. */
    static TaskStatus statusFilter(DataFetchingEnvironment env) {
        Map<String, Object> filter = env.getArgument("filter");
        return filter == null || filter.get("status") == null ? null
                : TaskStatus.valueOf((String) filter.get("status"));
    }

    private static CompletableFuture<TaskItem> task(Services services, DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        String number = env.getArgument("number");
        Arguments.exactlyOne(id, "id", number, "number");
        RequestContext context = RequestContext.of(env);
        CompletableFuture<TaskItem> found;
        if (id != null) {
            Ids.TaskRef ref = Ids.taskRef(id, "id");
            found = Loads.task(context, ref.projectId(), ref.number());
        } else {
            Matcher m = TASK_NUMBER.matcher(number);
            if (!m.matches()) {
                throw ApiException.badInput("number", "A task number looks like WEB-42");
            }
            String key = m.group(1).toUpperCase(Locale.ROOT);
            long n = Long.parseLong(m.group(2));
            found = CompletableFuture.supplyAsync(() -> byNumber(services, context, key, n), services.io());
        }
        return found.thenApply(t -> Arguments.found(t, "Task"));
    }

    /** The key marker, then the task and its project in one BatchGetItem: two round trips, both consistent. */
    private static TaskItem byNumber(Services services, RequestContext context, String key, long number) {
        return services.projects().idOfKey(context.tenant(), key).map(projectId -> {
            var items = services.batchGetter().getAll(List.of(Keys.task(context.tenant(), projectId, number),
                    Keys.project(context.tenant(), projectId)));
            return Loads.liveProject(items.get(1)) == null ? null : Loads.liveTask(items.get(0));
        }).orElse(null);
    }

    private static CompletableFuture<Map<String, Object>> tasksDueBefore(Services services,
                                                                         DataFetchingEnvironment env) {
        LocalDate date = env.getArgument("date");
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(), "Query.tasksDueBefore|before=" + date,
                LiveTasks.of(context, services.batchGetter(),
                        (first, after) -> services.lists().tasksDueBefore(context.tenant(), date, first, after)));
    }

    private static CompletableFuture<String> identifier(DataFetchingEnvironment env) {
        TaskItem task = env.getSource();
        return Loads.project(RequestContext.of(env), task.projectId())
                .thenApply(p -> Arguments.found(p, "Project").key() + "-" + task.number());
    }

    private static CompletableFuture<Map<String, Object>> comments(Services services, DataFetchingEnvironment env) {
        TaskItem task = env.getSource();
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(),
                "Task.comments|project=" + task.projectId() + "|number=" + task.number(),
                (first, after) -> services.lists().comments(context.tenant(), task.projectId(), task.number(),
                        first, after));
    }

    private static CompletableFuture<Map<String, Object>> create(Services services, DataFetchingEnvironment env,
                                                                 Member member) {
        Map<String, Object> input = Arguments.input(env);
        IdempotencyKey key = Arguments.idempotencyKey(TaskService.CREATE, input);
        String projectId = Ids.projectId((String) input.get("projectId"), "projectId");
        String assignee = input.get("assigneeId") == null ? null
                : Ids.userId((String) input.get("assigneeId"), "assigneeId").value();
        TaskService.NewTask task = new TaskService.NewTask(projectId, (String) input.get("title"),
                (String) input.get("description"), status(input.get("status")), priority(input.get("priority")),
                assignee, (LocalDate) input.get("dueDate"), labels(input.get("labels")));
        return Arguments.run(services, () -> {
            TaskItem created = services.tasks().create(member.tenant(), member.user(), task, key);
            return Arguments.payload("clientMutationId", input.get("clientMutationId"), "task", created);
        });
    }

    private static CompletableFuture<Map<String, Object>> update(Services services, DataFetchingEnvironment env,
                                                                 Member member) {
        Map<String, Object> input = Arguments.input(env);
        Ids.TaskRef ref = Ids.taskRef((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        Patch<String> assignee = Arguments.<String>patch(input, "assigneeId")
                .map(id -> Ids.userId(id, "assigneeId").value());
        TaskService.TaskChanges changes = new TaskService.TaskChanges(Arguments.patch(input, "title"),
                Arguments.patch(input, "description"),
                Arguments.<String>patch(input, "status").map(TaskStatus::valueOf),
                Arguments.<String>patch(input, "priority").map(TaskPriority::valueOf), assignee,
                Arguments.patch(input, "dueDate"), Arguments.<Object>patch(input, "labels").map(TaskWiring::labels));
        return Arguments.run(services, () -> Arguments.payload("task", services.tasks().update(member.tenant(),
                ref.projectId(), ref.number(), version, changes)));
    }

    private static CompletableFuture<Map<String, Object>> delete(Services services, DataFetchingEnvironment env,
                                                                 Member member) {
        Map<String, Object> input = Arguments.input(env);
        Ids.TaskRef ref = Ids.taskRef((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        return Arguments.run(services, () -> {
            services.tasks().delete(member.tenant(), ref.projectId(), ref.number(), version);
            return Arguments.payload("deletedTaskId", input.get("id"));
        });
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
}
