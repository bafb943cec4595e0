package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Member;
import com.tenantgraph.workspace.IdempotencyKey;
import com.tenantgraph.workspace.ProjectService;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Projects: {@code project} (by id or key), {@code projects}, a project's fields that are not plain properties, and
 * the project mutations. Reads and writes take the tenant from the request; to-one loads go through the request's
 * item loader ({@link Loads}); lists are connections ({@link Connections}).
 */
final class ProjectWiring implements Dispatch.Reads<ProjectWiring.Field>, Dispatch.Writes<ProjectWiring.Mutation> {
    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        QUERY_PROJECT("Query", "project"),
        QUERY_PROJECTS("Query", "projects"),
        PROJECT_ID("Project", "id"),
        PROJECT_DESCRIPTION("Project", "description"),
        PROJECT_TASK_COUNTS("Project", "taskCounts"),
        PROJECT_TASKS("Project", "tasks");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    /** The project mutations, each with the action the Guard checks; {@link #write} has a case for each. */
    enum Mutation {
        CREATE_PROJECT("createProject", Action.CREATE_PROJECT),
        UPDATE_PROJECT("updateProject", Action.UPDATE_PROJECT),
        DELETE_PROJECT("deleteProject", Action.DELETE_PROJECT);

        final String fieldName;
        final Action action;

        Mutation(String fieldName, Action action) {
            this.fieldName = fieldName;
            this.action = action;
        }
    }

    private final Services services;

    private ProjectWiring(Services services) {
        this.services = services;
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        ProjectWiring area = new ProjectWiring(services);
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
            case QUERY_PROJECT -> project(services, env);
            case QUERY_PROJECTS -> projects(services, env);
            case PROJECT_ID -> Ids.project(env.getSource());
            case PROJECT_DESCRIPTION -> Loads.complete(RequestContext.of(env), env.<ProjectItem>getSource())
                    .thenApply(ProjectItem::description);
            case PROJECT_TASK_COUNTS -> taskCounts(env);
            case PROJECT_TASKS -> tasks(services, env);
        };
    }

    /** The project mutations, run by the Guard once the caller may. */
    @Override
    public CompletableFuture<Map<String, Object>> write(Mutation mutation, DataFetchingEnvironment env, Member member) {
        return switch (mutation) {
            case CREATE_PROJECT -> create(services, env, member);
            case UPDATE_PROJECT -> update(services, env, member);
            case DELETE_PROJECT -> delete(services, env, member);
        };
    }

    private static CompletableFuture<ProjectItem> project(Services services, DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        String key = env.getArgument("key");
        Arguments.exactlyOne(id, "id", key, "key");
        RequestContext context = RequestContext.of(env);
        CompletableFuture<ProjectItem> found = id != null ? Loads.project(context, Ids.projectId(id, "id"))
                : CompletableFuture.supplyAsync(() -> services.projects().idOfKey(context.tenant(), key)
                        .flatMap(p -> services.projects().find(context.tenant(), p)).orElse(null), services.io());
        return found.thenApply(p -> Arguments.found(p, "Project"));
    }

    private static CompletableFuture<Map<String, Object>> projects(Services services, DataFetchingEnvironment env) {
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(), "Query.projects|sort=key",
                (first, after) -> services.lists().projects(context.tenant(), first, after));
    }

    private static CompletableFuture<Map<String, Object>> taskCounts(DataFetchingEnvironment env) {
        ProjectItem project = env.getSource();
        return Loads.counters(RequestContext.of(env), project.projectId()).thenApply(counters -> {
            ProjectCounters c = counters == null ? ProjectCounters.initial(project.tenantId(), project.projectId())
                    : counters;
            return Map.of("total", c.total(), "todo", c.count(TaskStatus.TODO),
                    "inProgress", c.count(TaskStatus.IN_PROGRESS), "done", c.count(TaskStatus.DONE));
        });
    }

    private static CompletableFuture<Map<String, Object>> tasks(Services services, DataFetchingEnvironment env) {
        ProjectItem project = env.getSource();
        TaskStatus status = TaskWiring.statusFilter(env);
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(),
                "Project.tasks|project=" + project.projectId() + "|status=" + Connections.part(status),
                (first, after) -> services.lists().projectTasks(context.tenant(), project.projectId(), status,
                        first, after));
    }

    private static CompletableFuture<Map<String, Object>> create(Services services, DataFetchingEnvironment env,
                                                                 Member member) {
        Map<String, Object> input = Arguments.input(env);
        IdempotencyKey key = Arguments.idempotencyKey(ProjectService.CREATE, input);
        return Arguments.run(services, () -> {
            ProjectItem project = services.projects().create(member.tenant(), member.user(),
                    new ProjectService.NewProject((String) input.get("key"), (String) input.get("name"),
                            (String) input.get("description")), key);
            return Arguments.payload("clientMutationId", input.get("clientMutationId"), "project", project);
        });
    }

    private static CompletableFuture<Map<String, Object>> update(Services services, DataFetchingEnvironment env,
                                                                 Member member) {
        Map<String, Object> input = Arguments.input(env);
        String projectId = Ids.projectId((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        ProjectService.ProjectChanges changes = new ProjectService.ProjectChanges(Arguments.patch(input, "key"),
                Arguments.patch(input, "name"), Arguments.patch(input, "description"));
        return Arguments.run(services, () -> Arguments.payload("project",
                services.projects().update(member.tenant(), projectId, version, changes)));
    }

    private static CompletableFuture<Map<String, Object>> delete(Services services, DataFetchingEnvironment env,
                                                                 Member member) {
        Map<String, Object> input = Arguments.input(env);
        String projectId = Ids.projectId((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        return Arguments.run(services, () -> Arguments.payload("deletedProjectId", input.get("id"), "purgeComplete",
                services.projects().delete(member.tenant(), projectId, version).complete()));
    }
}
