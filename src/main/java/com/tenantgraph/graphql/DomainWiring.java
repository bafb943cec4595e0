package com.tenantgraph.graphql;

import com.tenantgraph.data.CommentItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectCounters;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorMapper;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.graphql.Scalars;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wiring of the workspace domain (projects, tasks, comments, user lists, node/nodes): read fields here, writes in
 * {@link MutationWiring}. Every read takes the tenant from the request context; to-one fields go through the one
 * DataLoader ({@link Loads}); lists are connections ({@link Connections}). Not found is an error (NOT_FOUND) with a
 * null field, for an id of another tenant exactly as for an id that never existed.
 */
public final class DomainWiring {
    static final int MAX_NODES = 100;
    private static final Pattern TASK_NUMBER = Pattern.compile("([A-Za-z][A-Za-z0-9]{1,9})-([1-9][0-9]{0,9})");

    private DomainWiring() {
    }

    /** Adds the domain's scalars, fields and mutations to the one RuntimeWiring of GraphQlFactory. */
    public static RuntimeWiring.Builder register(RuntimeWiring.Builder wiring, DomainServices services) {
        Reads reads = new Reads(services);
        wiring.scalar(Scalars.DATE)
                .type("Query", t -> t
                        .dataFetcher("node", reads::node)
                        .dataFetcher("nodes", reads::nodes)
                        .dataFetcher("users", reads::users)
                        .dataFetcher("project", reads::project)
                        .dataFetcher("projects", reads::projects)
                        .dataFetcher("task", reads::task)
                        .dataFetcher("tasksDueBefore", reads::tasksDueBefore))
                .type("User", t -> t.dataFetcher("assignedTasks", reads::assignedTasks))
                .type("Project", t -> t
                        .dataFetcher("id", env -> Ids.project(env.getSource()))
                        .dataFetcher("description", env -> Loads.complete(RequestContext.of(env),
                                env.<ProjectItem>getSource()).thenApply(ProjectItem::description))
                        .dataFetcher("taskCounts", reads::taskCounts)
                        .dataFetcher("tasks", reads::projectTasks))
                .type("Task", t -> t
                        .dataFetcher("id", env -> Ids.task(env.getSource()))
                        .dataFetcher("identifier", reads::identifier)
                        .dataFetcher("project", reads::taskProject)
                        .dataFetcher("assignee", env -> Loads.user(RequestContext.of(env),
                                env.<TaskItem>getSource().assigneeId()))
                        .dataFetcher("reporter", reads::reporter)
                        .dataFetcher("description", env -> Loads.complete(RequestContext.of(env),
                                env.<TaskItem>getSource()).thenApply(TaskItem::description))
                        .dataFetcher("labels", env -> Loads.complete(RequestContext.of(env),
                                env.<TaskItem>getSource()).thenApply(TaskItem::labels))
                        .dataFetcher("comments", reads::comments))
                .type("Comment", t -> t
                        .dataFetcher("id", env -> Ids.comment(env.getSource()))
                        .dataFetcher("task", reads::commentTask)
                        .dataFetcher("author", env -> Loads.user(RequestContext.of(env),
                                env.<CommentItem>getSource().authorId())));
        return MutationWiring.register(wiring, services);
    }

    /** The GraphQL type of a domain object, for the Node interface; null when it is none of them. */
    public static String typeName(Object source) {
        if (source instanceof ProjectItem) {
            return "Project";
        }
        if (source instanceof TaskItem) {
            return "Task";
        }
        if (source instanceof CommentItem) {
            return "Comment";
        }
        if (source instanceof UserItem) {
            return "User";
        }
        return source instanceof TenantItem ? "Tenant" : null;
    }

    /** The read resolvers, sharing the services. */
    private static final class Reads {
        private final DomainServices services;

        Reads(DomainServices services) {
            this.services = services;
        }

        CompletableFuture<Object> node(DataFetchingEnvironment env) {
            return resolve(RequestContext.of(env), GlobalId.decode(env.getArgument("id"), "id"), "id")
                    .thenApply(found -> {
                        if (found == null) {
                            throw ApiException.notFound("Node");
                        }
                        return found;
                    });
        }

        CompletableFuture<DataFetcherResult<List<Object>>> nodes(DataFetchingEnvironment env) {
            List<String> ids = env.getArgument("ids");
            if (ids.size() > MAX_NODES) {
                throw ApiException.badInput("ids", "At most " + MAX_NODES + " ids");
            }
            RequestContext context = RequestContext.of(env);
            List<CompletableFuture<Object>> loads = new ArrayList<>();
            for (String id : ids) {
                loads.add(resolve(context, GlobalId.decode(id, "ids"), "ids"));
            }
            return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<Object> found = new ArrayList<>();
                List<GraphQLError> errors = new ArrayList<>();
                for (int i = 0; i < loads.size(); i++) {
                    Object node = loads.get(i).join();
                    found.add(node);
                    if (node == null) {
                        errors.add(ErrorMapper.toGraphQlError(ApiException.notFound("Node"),
                                env.getExecutionStepInfo().getPath().segment(i), env.getField().getSourceLocation()));
                    }
                }
                return DataFetcherResult.<List<Object>>newResult().data(found).errors(errors).build();
            });
        }

        private CompletableFuture<Object> resolve(RequestContext context, GlobalId id, String field) {
            return switch (id.type()) {
                case Ids.PROJECT -> Loads.project(context, Ids.projectId(encode(id), field)).thenApply(p -> p);
                case Ids.TASK -> {
                    Ids.TaskRef ref = Ids.taskRef(Ids.decode(encode(id), field, Ids.TASK, 2), field);
                    yield Loads.task(context, ref.projectId(), ref.number()).thenApply(t -> t);
                }
                case Ids.COMMENT -> Loads.comment(context, Ids.commentRef(Ids.decode(encode(id), field,
                        Ids.COMMENT, 4), field)).thenApply(c -> c);
                case Ids.USER -> Loads.user(context, Ids.userId(encode(id), field).value()).thenApply(u -> u);
                case "Tenant" -> id.keyParts().size() == 1 && id.keyParts().get(0).equals(context.tenant().value())
                        ? context.items().load(Keys.tenant(context.tenant()))
                                .thenApply(item -> item == null ? null : TenantItem.SCHEMA.mapToItem(item))
                        : CompletableFuture.completedFuture(null);
                default -> CompletableFuture.completedFuture(null);
            };
        }

        private static String encode(GlobalId id) {
            return GlobalId.encode(id.type(), id.keyParts().toArray(String[]::new));
        }

        CompletableFuture<Map<String, Object>> users(DataFetchingEnvironment env) {
            Map<String, Object> filter = env.getArgument("filter");
            Role role = filter == null || filter.get("role") == null ? null : Role.valueOf((String) filter.get("role"));
            UserStatus status = filter == null || filter.get("status") == null ? null
                    : UserStatus.valueOf((String) filter.get("status"));
            RequestContext context = RequestContext.of(env);
            return Connections.of(env, services.cursors(), services.io(),
                    "Query.users|role=" + Connections.part(role) + "|status=" + Connections.part(status),
                    (first, after) -> services.lists().users(context.tenant(), role, status, first, after));
        }

        CompletableFuture<ProjectItem> project(DataFetchingEnvironment env) {
            String id = env.getArgument("id");
            String key = env.getArgument("key");
            if ((id == null) == (key == null)) {
                throw ApiException.badInput(id == null ? "id" : "key", "Give exactly one of id and key");
            }
            RequestContext context = RequestContext.of(env);
            CompletableFuture<ProjectItem> found = id != null ? Loads.project(context, Ids.projectId(id, "id"))
                    : CompletableFuture.supplyAsync(() -> services.projects().idOfKey(context.tenant(), key)
                            .flatMap(p -> services.projects().find(context.tenant(), p)).orElse(null), services.io());
            return found.thenApply(p -> {
                if (p == null) {
                    throw ApiException.notFound("Project");
                }
                return p;
            });
        }

        CompletableFuture<Map<String, Object>> projects(DataFetchingEnvironment env) {
            RequestContext context = RequestContext.of(env);
            return Connections.of(env, services.cursors(), services.io(), "Query.projects|sort=key",
                    (first, after) -> services.lists().projects(context.tenant(), first, after));
        }

        CompletableFuture<TaskItem> task(DataFetchingEnvironment env) {
            String id = env.getArgument("id");
            String number = env.getArgument("number");
            if ((id == null) == (number == null)) {
                throw ApiException.badInput(id == null ? "id" : "number", "Give exactly one of id and number");
            }
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
                found = CompletableFuture.supplyAsync(() -> byNumber(context, key, n), services.io());
            }
            return found.thenApply(t -> {
                if (t == null) {
                    throw ApiException.notFound("Task");
                }
                return t;
            });
        }

        /** The key marker, then the task and its project in one BatchGetItem: two round trips, both consistent. */
        private TaskItem byNumber(RequestContext context, String key, long number) {
            return services.projects().idOfKey(context.tenant(), key).map(projectId -> {
                var items = services.batchGetter().getAll(List.of(Keys.task(context.tenant(), projectId, number),
                        Keys.project(context.tenant(), projectId)));
                return Loads.liveProject(items.get(1)) == null ? null : Loads.liveTask(items.get(0));
            }).orElse(null);
        }

        CompletableFuture<Map<String, Object>> tasksDueBefore(DataFetchingEnvironment env) {
            java.time.LocalDate date = env.getArgument("date");
            RequestContext context = RequestContext.of(env);
            return Connections.of(env, services.cursors(), services.io(), "Query.tasksDueBefore|before=" + date,
                    (first, after) -> services.lists().tasksDueBefore(context.tenant(), date, first, after));
        }

        CompletableFuture<Map<String, Object>> assignedTasks(DataFetchingEnvironment env) {
            UserItem user = env.getSource();
            TaskStatus status = status(env);
            RequestContext context = RequestContext.of(env);
            return Connections.of(env, services.cursors(), services.io(),
                    "User.assignedTasks|user=" + user.userId().value() + "|status=" + Connections.part(status),
                    (first, after) -> services.lists().assignedTasks(context.tenant(), user.userId(), status, first,
                            after));
        }

        CompletableFuture<Map<String, Object>> projectTasks(DataFetchingEnvironment env) {
            ProjectItem project = env.getSource();
            TaskStatus status = status(env);
            RequestContext context = RequestContext.of(env);
            return Connections.of(env, services.cursors(), services.io(),
                    "Project.tasks|project=" + project.projectId() + "|status=" + Connections.part(status),
                    (first, after) -> services.lists().projectTasks(context.tenant(), project.projectId(), status,
                            first, after));
        }

        CompletableFuture<Map<String, Object>> comments(DataFetchingEnvironment env) {
            TaskItem task = env.getSource();
            RequestContext context = RequestContext.of(env);
            return Connections.of(env, services.cursors(), services.io(),
                    "Task.comments|project=" + task.projectId() + "|number=" + task.number(),
                    (first, after) -> services.lists().comments(context.tenant(), task.projectId(), task.number(),
                            first, after));
        }

        CompletableFuture<Map<String, Object>> taskCounts(DataFetchingEnvironment env) {
            ProjectItem project = env.getSource();
            return Loads.counters(RequestContext.of(env), project.projectId()).thenApply(counters -> {
                ProjectCounters c = counters == null ? ProjectCounters.initial(project.tenantId(), project.projectId())
                        : counters;
                return Map.of("total", c.total(), "todo", c.count(TaskStatus.TODO),
                        "inProgress", c.count(TaskStatus.IN_PROGRESS), "done", c.count(TaskStatus.DONE));
            });
        }

        CompletableFuture<String> identifier(DataFetchingEnvironment env) {
            TaskItem task = env.getSource();
            return Loads.project(RequestContext.of(env), task.projectId()).thenApply(p -> {
                if (p == null) {
                    throw ApiException.notFound("Project");
                }
                return p.key() + "-" + task.number();
            });
        }

        CompletableFuture<ProjectItem> taskProject(DataFetchingEnvironment env) {
            TaskItem task = env.getSource();
            return Loads.project(RequestContext.of(env), task.projectId()).thenApply(p -> {
                if (p == null) {
                    throw ApiException.notFound("Project");
                }
                return p;
            });
        }

        /** The reporter's id is in every index projection, so even a listed task's reporter is one batched load. */
        CompletableFuture<UserItem> reporter(DataFetchingEnvironment env) {
            TaskItem task = env.getSource();
            return Loads.user(RequestContext.of(env), task.reporterId());
        }

        CompletableFuture<TaskItem> commentTask(DataFetchingEnvironment env) {
            CommentItem comment = env.getSource();
            return Loads.task(RequestContext.of(env), comment.projectId(), comment.number()).thenApply(t -> {
                if (t == null) {
                    throw ApiException.notFound("Task");
                }
                return t;
            });
        }

        private static TaskStatus status(DataFetchingEnvironment env) {
            Map<String, Object> filter = env.getArgument("filter");
            return filter == null || filter.get("status") == null ? null
                    : TaskStatus.valueOf((String) filter.get("status"));
        }
    }
}
