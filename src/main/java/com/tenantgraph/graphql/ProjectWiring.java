package com.tenantgraph.graphql;

import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.errors.ApiException;
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
final class ProjectWiring {
    private final Services services;

    private ProjectWiring(Services services) {
        this.services = services;
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        ProjectWiring w = new ProjectWiring(services);
        wiring.type("Query", t -> t
                        .dataFetcher("project", w::project)
                        .dataFetcher("projects", w::projects))
                .type("Project", t -> t
                        .dataFetcher("id", env -> Ids.project(env.getSource()))
                        .dataFetcher("description", env -> Loads.complete(RequestContext.of(env),
                                env.<ProjectItem>getSource()).thenApply(ProjectItem::description))
                        .dataFetcher("taskCounts", ProjectWiring::taskCounts)
                        .dataFetcher("tasks", w::tasks))
                .type("Mutation", t -> t
                        .dataFetcher("createProject", Guard.mutation(Action.CREATE_PROJECT, w::create))
                        .dataFetcher("updateProject", Guard.mutation(Action.UPDATE_PROJECT, w::update))
                        .dataFetcher("deleteProject", Guard.mutation(Action.DELETE_PROJECT, w::delete)));
    }

    private CompletableFuture<ProjectItem> project(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        String key = env.getArgument("key");
        if ((id == null) == (key == null)) {
            throw ApiException.badInput(id == null ? "id" : "key", "Give exactly one of id and key");
        }
        RequestContext context = RequestContext.of(env);
        CompletableFuture<ProjectItem> found = id != null ? Loads.project(context, Ids.projectId(id, "id"))
                : CompletableFuture.supplyAsync(() -> services.projects().idOfKey(context.tenant(), key)
                        .flatMap(p -> services.projects().find(context.tenant(), p)).orElse(null), services.io());
        return found.thenApply(p -> Arguments.found(p, "Project"));
    }

    private CompletableFuture<Map<String, Object>> projects(DataFetchingEnvironment env) {
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

    private CompletableFuture<Map<String, Object>> tasks(DataFetchingEnvironment env) {
        ProjectItem project = env.getSource();
        TaskStatus status = TaskWiring.statusFilter(env);
        RequestContext context = RequestContext.of(env);
        return Connections.of(env, services.cursors(), services.io(),
                "Project.tasks|project=" + project.projectId() + "|status=" + Connections.part(status),
                (first, after) -> services.lists().projectTasks(context.tenant(), project.projectId(), status,
                        first, after));
    }

    private CompletableFuture<Map<String, Object>> create(DataFetchingEnvironment env, Member member) {
        Map<String, Object> input = Arguments.input(env);
        IdempotencyKey key = Arguments.idempotencyKey(ProjectService.CREATE, input);
        return Arguments.run(services, () -> {
            ProjectItem project = services.projects().create(member.tenant(), member.user(),
                    new ProjectService.NewProject((String) input.get("key"), (String) input.get("name"),
                            (String) input.get("description")), key);
            return Arguments.payload("clientMutationId", input.get("clientMutationId"), "project", project);
        });
    }

    private CompletableFuture<Map<String, Object>> update(DataFetchingEnvironment env, Member member) {
        Map<String, Object> input = Arguments.input(env);
        String projectId = Ids.projectId((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        ProjectService.ProjectChanges changes = new ProjectService.ProjectChanges(Arguments.patch(input, "key"),
                Arguments.patch(input, "name"), Arguments.patch(input, "description"));
        return Arguments.run(services, () -> Arguments.payload("project",
                services.projects().update(member.tenant(), projectId, version, changes)));
    }

    private CompletableFuture<Map<String, Object>> delete(DataFetchingEnvironment env, Member member) {
        Map<String, Object> input = Arguments.input(env);
        String projectId = Ids.projectId((String) input.get("id"), "id");
        long version = Arguments.expectedVersion(input);
        return Arguments.run(services, () -> {
            services.projects().delete(member.tenant(), projectId, version);
            return Arguments.payload("deletedProjectId", input.get("id"));
        });
    }
}
