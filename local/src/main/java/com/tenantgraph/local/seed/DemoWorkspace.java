package com.tenantgraph.local.seed;

import com.tenantgraph.data.ListQueries;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TaskItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.TaskPriority;
import com.tenantgraph.domain.TaskStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.workspace.CommentService;
import com.tenantgraph.workspace.Idempotency;
import com.tenantgraph.workspace.ProjectService;
import com.tenantgraph.workspace.Purge;
import com.tenantgraph.workspace.TaskService;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo workspace content of ./dev up: projects, tens of tasks (statuses, priorities, assignees, due dates,
 * labels) and comments, per demo tenant, written through the same services the API uses (so every counter, marker
 * and index key is as the API would leave it). Deterministic (a fixed random seed), due dates relative to today.
 */
public final class DemoWorkspace {
    /** Projects per tenant: key, name, description, number of tasks. */
    public static final Map<String, List<DemoProject>> PROJECTS = Map.of(
            "acme", List.of(
                    new DemoProject("WEB", "Website", "The public website and its content.", 24),
                    new DemoProject("API", "Public API", "The partner API: endpoints, docs and SDKs.", 18),
                    new DemoProject("OPS", "Operations", "On-call, infrastructure and cost.", 12)),
            "globex", List.of(
                    new DemoProject("PLANT", "Plant automation", "Sensors and controllers of the main plant.", 15),
                    new DemoProject("SALES", "Sales tooling", "CRM integration and reports.", 10)));

    /** One demo project. */
    public record DemoProject(String key, String name, String description, int tasks) {
    }

    private static final String[] VERBS = {"Fix", "Design", "Review", "Migrate", "Document", "Test", "Speed up",
            "Clean up", "Automate", "Plan"};
    private static final String[] THINGS = {"the login page", "the search results", "error reporting", "the release",
            "the billing export", "the onboarding flow", "the dashboard", "alerts", "the nightly job",
            "the audit log", "image uploads", "the status page"};
    private static final String[] LABELS = {"bug", "feature", "chore", "frontend", "backend", "security", "docs",
            "customer"};
    private static final String[] COMMENTS = {"I can take this one.", "Blocked on the design review.",
            "Pushed a first draft, feedback welcome.", "Let's discuss in the standup.", "Done on staging.",
            "This needs a test before it ships."};

    private final Table table;
    private final ProjectService projects;
    private final TaskService tasks;
    private final CommentService comments;
    private final ListQueries lists;

    public DemoWorkspace(Table table, Clock clock) {
        this.table = table;
        Writes writes = new Writes(table, clock);
        Idempotency idempotency = new Idempotency(table, writes);
        Purge purge = new Purge(table, writes, Runnable::run, clock, Duration.ofSeconds(30));
        this.projects = new ProjectService(table, writes, idempotency, purge);
        this.tasks = new TaskService(table, writes, idempotency, purge);
        this.comments = new CommentService(table, writes, idempotency);
        this.lists = new ListQueries(table);
    }

    /** Seeds every demo tenant's projects, tasks and comments (the tenants and users must exist). */
    public void seed(LocalDate today) {
        PROJECTS.forEach((tenant, demoProjects) -> seedTenant(TenantId.of(tenant), demoProjects, today));
    }

    private void seedTenant(TenantId tenant, List<DemoProject> demoProjects, LocalDate today) {
        List<UserItem> users = lists.users(tenant, null, null, 100, null).nodes();
        List<UserItem> writers = users.stream().filter(u -> u.role() != Role.VIEWER).toList();
        Random random = new Random(tenant.value().hashCode());
        for (DemoProject demo : demoProjects) {
            UserItem owner = writers.get(0);
            ProjectItem project = projects.create(tenant, owner.userId(),
                    new ProjectService.NewProject(demo.key(), demo.name(), demo.description()), null);
            for (int i = 0; i < demo.tasks(); i++) {
                seedTask(tenant, project, users, writers, random, today);
            }
        }
    }

    private void seedTask(TenantId tenant, ProjectItem project, List<UserItem> users, List<UserItem> writers,
                          Random random, LocalDate today) {
        UserItem reporter = writers.get(random.nextInt(writers.size()));
        TaskStatus status = TaskStatus.values()[random.nextInt(TaskStatus.values().length)];
        TaskPriority priority = TaskPriority.values()[random.nextInt(TaskPriority.values().length)];
        UserId assignee = random.nextInt(4) == 0 ? null : users.get(random.nextInt(users.size())).userId();
        LocalDate due = random.nextInt(3) == 0 ? null : today.plusDays(random.nextInt(40) - 10);
        List<String> labels = random.nextBoolean() ? List.of(LABELS[random.nextInt(LABELS.length)])
                : List.of(LABELS[random.nextInt(4)], LABELS[4 + random.nextInt(4)]);
        String title = VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)];
        TaskItem task = tasks.create(tenant, reporter.userId(), new TaskService.NewTask(project.projectId(), title,
                "Part of " + project.name() + ": " + title.toLowerCase(java.util.Locale.ROOT) + ".", status, priority,
                assignee == null ? null : assignee.value(), due, labels), null);
        int commentCount = random.nextInt(4);
        for (int c = 0; c < commentCount; c++) {
            UserItem author = writers.get(random.nextInt(writers.size()));
            comments.add(tenant, author.userId(), project.projectId(), task.number(),
                    COMMENTS[random.nextInt(COMMENTS.length)], null);
        }
    }

    /** Today in UTC, the day the demo's due dates are relative to. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

}
