package com.tenantgraph.operator;

import com.tenantgraph.admin.InputRules;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.cognito.CognitoUser;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.RegistryEntry;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.Timestamps;
import com.tenantgraph.data.TenantRegistry;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.MembershipCheck;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ProjectItem;
import com.tenantgraph.data.model.Query;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.workspace.Purge;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operators' command line (operator bootstrap: a tenant exists before anyone signs in to it): create a tenant with its first ADMIN, list the
 * tenants (the registry, a Query of its one partition), show one, suspend and resume one ({@link TenantSuspension}),
 * list a tenant's users (GSI1), finish the purges of deleted projects. Runs as
 * {@code java -jar tenantgraph-graphql-…-lambda.jar …} or {@code ./dev operator …} (which points it at the local
 * stack). Exit codes: 0 done, 1 the operation failed, 2 a usage or configuration error.
 */
public final class OperatorCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final int PURGE_THREADS = 8;
    private static final java.util.regex.Pattern PROJECT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    static final String USAGE_TEXT = """
            usage: tenantgraph-operator <command> [options]

            commands:
              tenants create --id ID --name NAME --plan FREE|TEAM|ENTERPRISE --admin-email EMAIL --admin-name NAME
                    create a tenant and its first ADMIN (a Cognito user with custom:tenantId and a temporary
                    password emailed by Cognito, in the ADMIN group, ACTIVE in the tenant)
              tenants list
                    list every tenant in the operators' registry
              tenants show --id ID
                    show a tenant: name, plan, status (ACTIVE or SUSPENDED), ADMIN count, times, version
              tenants suspend --id ID
                    suspend a tenant: from their next request every member, ADMINs included, is refused with
                    FORBIDDEN (reason TENANT_SUSPENDED); nothing is deleted. Suspending a suspended tenant
                    changes nothing
              tenants resume --id ID
                    make a suspended tenant ACTIVE again: its members' next requests are answered as before
              users list --tenant ID
                    list the users of a tenant (removed users included, as tombstones)
              projects purge --tenant ID [--project PROJECT_ID]
                    finish the purge of deleted projects (their tasks and comments are hidden from every read
                    already): the one project given, or every project of the tenant whose purge is unfinished
              help  show this text

            environment: TABLE_NAME (required), USER_POOL_ID (tenants create), AWS_REGION (us-east-1),
                         DYNAMODB_ENDPOINT and COGNITO_ENDPOINT (local stack only; ./dev operator sets them)
            exit codes:  0 done, 1 the operation failed, 2 usage or configuration error""";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private OperatorCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new OperatorCli(env, out, err).dispatch(List.of(args));
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String command = String.join(" ", args.subList(0, Math.min(2, args.size())));
        try {
            return switch (command) {
                case "tenants create" -> createTenant(options(args.subList(2, args.size())));
                case "tenants list" -> listTenants(options(args.subList(2, args.size())));
                case "tenants show" -> showTenant(options(args.subList(2, args.size())));
                case "tenants suspend" -> setStatus(options(args.subList(2, args.size())), TenantStatus.SUSPENDED);
                case "tenants resume" -> setStatus(options(args.subList(2, args.size())), TenantStatus.ACTIVE);
                case "users list" -> listUsers(options(args.subList(2, args.size())));
                case "projects purge" -> purgeProjects(options(args.subList(2, args.size())));
                default -> help(args);
            };
        } catch (UsageException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            err.println("run with 'help' for usage");
            return USAGE;
        } catch (DataAccessException | CognitoException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "")));
            return FAILED;
        } catch (RuntimeException e) {
            err.println("error: unexpected failure: " + TerminalText.safe(e.toString()));
            return FAILED;
        }
    }

    private int help(List<String> args) {
        if (List.of("help", "--help", "-h").contains(args.get(0))) {
            out.println(USAGE_TEXT);
            return OK;
        }
        err.println("error: unknown command '" + TerminalText.safe(String.join(" ", args)) + "'");
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private int createTenant(Map<String, String> options) {
        allowOnly(options, "id", "name", "plan", "admin-email", "admin-name");
        String id = required(options, "id");
        if (!TenantId.isWellFormed(id)) {
            throw new UsageException("--id must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        TenantId tenant = TenantId.of(id);
        String name = valid(() -> InputRules.workspaceName("--name", required(options, "name")));
        Plan plan = plan(required(options, "plan"));
        String email = valid(() -> InputRules.email("--admin-email", required(options, "admin-email")));
        String adminName = valid(() -> InputRules.personName("--admin-name", required(options, "admin-name")));

        Table table = table();
        UserDirectory directory = directory();
        if (new TenantRepository(table).find(tenant).isPresent()) {
            err.println("error: tenant " + TerminalText.safe(id) + " already exists");
            return FAILED;
        }
        CognitoUser account;
        try {
            account = directory.createUser(email, adminName, tenant);
        } catch (CognitoException.UsernameTakenException e) {
            err.println("error: " + TerminalText.safe(email) + " already has an account in the user pool");
            return FAILED;
        }
        try {
            directory.addToGroup(account.id(), Role.ADMIN);
            Clock clock = Clock.systemUTC();
            new TenantProvisioning(table).createTenantWithAdmin(
                    TenantItem.builder().tenantId(tenant).name(name).plan(plan).createdAt(clock.instant()).build(),
                    UserItem.builder().tenantId(tenant).userId(UserId.of(account.sub())).email(email).name(adminName)
                            .role(Role.ADMIN).status(UserStatus.ACTIVE).createdAt(clock.instant()).build());
        } catch (RuntimeException e) {
            directory.delete(account.id());
            throw e;
        }
        out.println("created tenant " + TerminalText.safe(id) + " (" + TerminalText.safe(name) + ", " + plan
                + ") with ADMIN " + TerminalText.safe(email) + " (user id " + TerminalText.safe(account.sub())
                + "); Cognito sends them a temporary password");
        return OK;
    }

    private int listTenants(Map<String, String> options) {
        allowOnly(options);
        List<RegistryEntry> tenants = new TenantRegistry(table()).tenants();
        row("TENANT", "NAME", "PLAN", "CREATED");
        tenants.forEach(t -> row(t.tenantId().value(), t.name(), t.plan().name(), Timestamps.format(t.createdAt())));
        return OK;
    }

    private int showTenant(Map<String, String> options) {
        allowOnly(options, "id");
        TenantId tenant = tenantId(options, "id");
        Optional<TenantItem> found = new TenantRepository(table()).find(tenant);
        if (found.isEmpty()) {
            err.println("error: no tenant " + TerminalText.safe(tenant.value()));
            return FAILED;
        }
        TenantItem t = found.get();
        row("TENANT", "NAME", "PLAN", "STATUS", "ADMINS", "CREATED", "UPDATED", "VERSION");
        row(t.tenantId().value(), t.name(), t.plan().name(), t.status().name(), Integer.toString(t.adminCount()),
                Timestamps.format(t.createdAt()), Timestamps.format(t.updatedAt()), Long.toString(t.version()));
        return OK;
    }

    /** {@code tenants suspend} and {@code tenants resume}: idempotent, and says what it did or that nothing changed. */
    private int setStatus(Map<String, String> options, TenantStatus status) {
        allowOnly(options, "id");
        TenantId tenant = tenantId(options, "id");
        Optional<TenantSuspension.Outcome> outcome;
        try {
            outcome = new TenantSuspension(new Writes(table(), Clock.systemUTC())).set(tenant, status);
        } catch (TenantSuspension.KeptChangingException e) {
            err.println("error: " + TerminalText.safe(e.getMessage()));
            return FAILED;
        }
        String id = TerminalText.safe(tenant.value());
        if (outcome.isEmpty()) {
            err.println("error: no tenant " + id + "; nothing changed");
            return FAILED;
        }
        TenantItem t = outcome.get().tenant();
        String name = TerminalText.safe(t.name());
        if (!outcome.get().changed()) {
            out.println("tenant " + id + " (" + name + ") is already " + status + "; nothing changed");
        } else if (status == TenantStatus.SUSPENDED) {
            out.println("suspended tenant " + id + " (" + name + "): every member is refused with FORBIDDEN"
                    + " (reason " + MembershipCheck.SUSPENDED_REASON + ") from their next request (version "
                    + t.version() + ")");
        } else {
            out.println("resumed tenant " + id + " (" + name + "): ACTIVE again, its members' next requests are"
                    + " answered (version " + t.version() + ")");
        }
        return OK;
    }

    private int listUsers(Map<String, String> options) {
        allowOnly(options, "tenant");
        TenantId tenant = tenantId(options, "tenant");
        Table table = table();
        if (new TenantRepository(table).find(tenant).isEmpty()) {
            err.println("error: no tenant " + TerminalText.safe(tenant.value()));
            return FAILED;
        }
        row("USER ID", "EMAIL", "ROLE", "STATUS", "NAME");
        new TenantRegistry(table).users(tenant).forEach(u -> row(
                u.userId().value(), u.email(), u.role().name(), u.status().name(), u.name()));
        return OK;
    }

    /**
     * Finishes purges that deleteProject left unfinished, from where each stopped (the purge's cursor): the given
     * project, or every project listed as purging in the tenant. Only a soft-deleted project is purged.
     */
    private int purgeProjects(Map<String, String> options) {
        allowOnly(options, "tenant", "project");
        TenantId tenant = tenantId(options, "tenant");
        String id = tenant.value();
        String only = options.get("project");
        if (only != null && !PROJECT_ID.matcher(only).matches()) {
            throw new UsageException("--project is not a project id (the id part of a Project global id): " + only);
        }
        Table table = table();
        if (new TenantRepository(table).find(tenant).isEmpty()) {
            err.println("error: no tenant " + id);
            return FAILED;
        }
        List<String> projects = only != null ? List.of(only) : purging(table, tenant);
        ExecutorService pool = Executors.newFixedThreadPool(PURGE_THREADS);
        try {
            Purge purge = new Purge(table, new Writes(table, Clock.systemUTC()), pool, Clock.systemUTC(),
                    Duration.ofDays(1));
            for (String projectId : projects) {
                Optional<ProjectItem> project = table.getConsistent(Keys.project(tenant, projectId), "GetProject")
                        .flatMap(ProjectItem.MODEL::fromItem);
                if (project.isEmpty()) {
                    // the project item is the purge's last delete: without it there is nothing left
                    out.println("project " + projectId + ": nothing to purge (no such project, or already purged)");
                    continue;
                }
                if (!project.get().deleted()) {
                    err.println("error: project " + projectId + " is not deleted; delete it with deleteProject first");
                    return FAILED;
                }
                purge.project(tenant, projectId);
                out.println("purged project " + projectId);
            }
        } finally {
            pool.shutdownNow();
        }
        out.println("done: " + projects.size() + (projects.size() == 1 ? " project" : " projects") + " in tenant " + id);
        return OK;
    }

    /** The tenant's soft-deleted projects whose purge has not finished (GSI1, so it may lag a moment). */
    private static List<String> purging(Table table, TenantId tenant) {
        return table.all(ProjectItem.purging(tenant)).stream().map(ProjectItem::projectId).toList();
    }

    /** One tab-separated line; each cell escaped, so no stored value can drive the terminal or add a column. */
    private void row(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : "\t").append(TerminalText.safe(cells[i]));
        }
        out.println(line);
    }

    // ---- configuration -------------------------------------------------------------------------------------

    private Table table() {
        String tableName = env.get("TABLE_NAME");
        if (tableName == null || tableName.isBlank()) {
            throw new UsageException("TABLE_NAME is not set (the stack's tableName output)");
        }
        return new Table(AwsClients.dynamoDb(settings("DYNAMODB_ENDPOINT")), tableName.trim());
    }

    private UserDirectory directory() {
        String poolId = env.get("USER_POOL_ID");
        if (poolId == null || poolId.isBlank()) {
            throw new UsageException("USER_POOL_ID is not set (the stack's userPoolId output)");
        }
        return new CognitoUserDirectory(AwsClients.cognito(settings("COGNITO_ENDPOINT")), poolId.trim());
    }

    /** The one client factory of every deployable; a malformed or non-loopback endpoint is a configuration error. */
    private AwsClients.Settings settings(String endpointVariable) {
        try {
            return AwsClients.Settings.fromEnvironment(env, endpointVariable, AwsClients.Timeouts.OPERATOR);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    // ---- arguments -----------------------------------------------------------------------------------------

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String flag = args.get(i);
            if (!flag.startsWith("--") || flag.length() < 3) {
                throw new UsageException("unexpected argument '" + flag + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(flag + " needs a value");
            }
            if (options.put(flag.substring(2), args.get(i + 1)) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        return options;
    }

    private static void allowOnly(Map<String, String> options, String... allowed) {
        List<String> known = List.of(allowed);
        options.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(unknown -> {
            throw new UsageException("unknown option --" + unknown);
        });
    }

    /** A required option that must be a well-formed tenant id. */
    private static TenantId tenantId(Map<String, String> options, String name) {
        String id = required(options, name);
        if (!TenantId.isWellFormed(id)) {
            throw new UsageException("--" + name + " is not a tenant id (1 to 64 letters, digits, '_' or '-',"
                    + " starting with a letter or digit): " + id);
        }
        return TenantId.of(id);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    private static Plan plan(String value) {
        try {
            return Plan.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--plan must be FREE, TEAM or ENTERPRISE, got " + value);
        }
    }

    private static String valid(java.util.function.Supplier<String> rule) {
        try {
            return rule.get();
        } catch (InputRules.InvalidInputException e) {
            throw new UsageException(e.field() + ": " + e.getMessage());
        }
    }

    /** A mistake in the command line or the environment: exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
