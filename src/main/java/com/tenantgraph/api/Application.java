package com.tenantgraph.api;

import com.tenantgraph.admin.TenantAdministration;
import com.tenantgraph.admin.UserAdministration;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UnconfiguredUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.BatchGetter;
import com.tenantgraph.data.ItemReader;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.ListQueries;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.graphql.QueryCost;
import com.tenantgraph.graphql.Schema;
import com.tenantgraph.graphql.Services;
import com.tenantgraph.graphql.pagination.CursorCodec;
import com.tenantgraph.graphql.pagination.CursorKeys;
import com.tenantgraph.pipeline.CallerResolver;
import com.tenantgraph.pipeline.Execution;
import com.tenantgraph.pipeline.RequestProcessor;
import com.tenantgraph.pipeline.SubscriptionOperations;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.workspace.CommentService;
import com.tenantgraph.workspace.Idempotency;
import com.tenantgraph.workspace.ProjectService;
import com.tenantgraph.workspace.Purge;
import com.tenantgraph.workspace.TaskService;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The composition root of the GraphQL Lambda: every long-lived object is built here, once per container, by hand.
 * The runtime's path is {@link #fromEnvironment}; tests and the local stack pass their own DynamoDB client.
 */
public final class Application {
    private static final int IO_THREADS = 16;
    /** A tenant id no one can have (tenant ids derived at sign-up start with "t-"): its keys never hold an item. */
    private static final TenantId WARM_UP_TENANT = TenantId.of("init-warm-up");
    private static final int PURGE_THREADS = 8;
    /** How long a deleteProject may purge within its request; the next call (or the operator) continues from there. */
    private static final Duration PURGE_BUDGET = Duration.ofSeconds(5);

    private final AppConfig config;
    private final GraphQL graphQl;
    private final GraphQL subscriptionEvents;
    private final CallerResolver callers;
    private final BatchGetter batchGetter;
    private final UserDirectory userDirectory;
    private final Table table;
    private final Clock clock;

    /** For tests and the local stack: a random cursor key, as their data does not outlive the process either. */
    public Application(AppConfig config, DynamoDbClient dynamoDb, Clock clock) {
        this(config, dynamoDb, new UnconfiguredUserDirectory(), clock, CursorKeys.random());
    }

    /** With the Cognito user pool that the administration mutations change (a random cursor key, as above). */
    public Application(AppConfig config, DynamoDbClient dynamoDb, UserDirectory userDirectory, Clock clock) {
        this(config, dynamoDb, userDirectory, clock, CursorKeys.random());
    }

    public Application(AppConfig config, DynamoDbClient dynamoDb, UserDirectory userDirectory, Clock clock,
                       CursorKeys cursorKeys) {
        this(config, new Table(dynamoDb, config.tableName()), userDirectory, clock, cursorKeys);
    }

    private Application(AppConfig config, Table table, UserDirectory userDirectory, Clock clock,
                        CursorKeys cursorKeys) {
        this.config = config;
        Executor ioExecutor = Executors.newFixedThreadPool(IO_THREADS, daemonThreads("tg-io-"));
        this.table = table;
        this.userDirectory = userDirectory;
        this.clock = clock;
        this.batchGetter = new BatchGetter(table);
        this.callers = new CallerResolver(clock);
        GraphQLSchema schema = Schema.executable(services(table, userDirectory, clock, cursorKeys, ioExecutor));
        this.graphQl = Execution.graphQl(schema, config.limits(), QueryCost::of);
        this.subscriptionEvents = Execution.subscriptionEvents(schema, config.limits(), QueryCost::of);
    }

    /**
     * The runtime's path. The SDK client and the executable schema (types, wiring, GraphQL objects) do not depend on
     * each other until a request runs, so the client is built on a thread of its own while this one builds the
     * schema: Lambda gives the init phase its full CPU allowance. Init waits for the client before it ends, so a
     * client that cannot be built fails the init, and no request waits for it.
     */
    public static Application fromEnvironment(java.util.Map<String, String> env) {
        AppConfig config = AppConfig.fromEnvironment(env);
        // logging set up on this thread first: a second thread logging while SLF4J initialises has its lines
        // replayed, with a warning on stderr of every such cold start
        LoggerFactory.getILoggerFactory();
        AwsClients.Settings dynamoDbSettings = AwsClients.Settings.fromEnvironment(env, "DYNAMODB_ENDPOINT",
                AwsClients.Timeouts.GRAPHQL);
        CompletableFuture<DynamoDbClient> dynamoDb = CompletableFuture.supplyAsync(
                () -> AwsClients.dynamoDb(dynamoDbSettings), task -> new Thread(task, "tg-init-sdk").start());
        Application application = new Application(config, Table.whenBuilt(dynamoDb, config.tableName()),
                userDirectory(env), Clock.systemUTC(), CursorKeys.fromEnvironment(env));
        dynamoDb.join();
        return application;
    }

    /**
     * The Cognito pool of USER_POOL_ID (COGNITO_ENDPOINT: loopback only, for the local stack); none without it. Its
     * client is built on the first administration mutation, not at init: reads never need it. The settings are read
     * now, so a malformed COGNITO_ENDPOINT still fails the init.
     */
    static UserDirectory userDirectory(java.util.Map<String, String> env) {
        String poolId = env.get("USER_POOL_ID");
        if (poolId == null || poolId.isBlank()) {
            return new UnconfiguredUserDirectory();
        }
        AwsClients.Settings settings = AwsClients.Settings.fromEnvironment(env, "COGNITO_ENDPOINT",
                AwsClients.Timeouts.GRAPHQL_COGNITO);
        return new LazyUserDirectory(poolId.trim(),
                () -> new CognitoUserDirectory(AwsClients.cognito(settings), poolId.trim()));
    }

    /**
     * Builds what init left for first use (the Cognito client), for SnapStart's snapshot: a restored container then
     * serves its first administration mutation as fast as any later one.
     */
    void connectBeforeSnapshot() {
        if (userDirectory instanceof LazyUserDirectory lazy) {
            lazy.connect();
        }
    }

    /**
     * What the resolvers use: the workspace's writes with their hooks, the purge on its own small pool, lists,
     * cursors, and user and tenant administration.
     */
    private Services services(Table table, UserDirectory userDirectory, Clock clock, CursorKeys cursorKeys,
                              Executor ioExecutor) {
        Writes writes = new Writes(table, clock);
        Idempotency idempotency = new Idempotency(table, writes);
        // the budget is this invocation's elapsed time, so the system clock, never a clock a test holds still
        Purge purge = new Purge(table, writes, Executors.newFixedThreadPool(PURGE_THREADS, daemonThreads("tg-purge-")),
                Clock.systemUTC(), PURGE_BUDGET);
        return new Services(new ListQueries(table), new ProjectService(table, writes, idempotency, purge),
                new TaskService(table, writes, idempotency, purge), new CommentService(table, writes, idempotency),
                new UserAdministration(new UserRepository(table), new UserWrites(writes), userDirectory, clock),
                new TenantAdministration(writes, new TenantRepository(table)),
                new CursorCodec(cursorKeys), batchGetter, ioExecutor);
    }

    /**
     * One BatchGetItem of a key that never exists, made at init so the SDK's first-call costs (marshallers, signer,
     * connection) are paid before the first request rather than during it. Best effort: a failure is logged and
     * ignored, and a short timeout keeps an unreachable endpoint from holding up init.
     */
    void warmUpDynamoDb() {
        try {
            table.client().batchGetItem(BatchGetItemRequest.builder()
                    .requestItems(Map.of(config.tableName(), KeysAndAttributes.builder()
                            .keys(Keys.tenant(WARM_UP_TENANT).toAttributeMap()).build()))
                    .overrideConfiguration(AwsRequestOverrideConfiguration.builder()
                            .apiCallTimeout(Duration.ofSeconds(2)).build())
                    .build());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Application.class).atWarn().addKeyValue("errorType", e.getClass().getName())
                    .log("DynamoDB warm-up at init failed; the first request will pay the SDK's start-up");
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public GraphQL graphQl() {
        return graphQl;
    }

    /** The request pipeline over the table, its metrics lines on stdout (CloudWatch Logs in Lambda). */
    public RequestProcessor processor() {
        return processor(batchGetter, System.out);
    }

    /**
     * The request pipeline over another item reader and metrics stream (SnapStart priming reads in-memory items and
     * its metrics go nowhere: they would be data points of requests no one made).
     */
    RequestProcessor processor(ItemReader reader, java.io.PrintStream metrics) {
        return new RequestProcessor(graphQl, config.limits(), config.introspectionEnabled(), reader, clock, metrics);
    }

    /** Subscribing and executing subscriptions over change events, with this container's schema and limits. */
    public SubscriptionOperations subscriptions() {
        return new SubscriptionOperations(graphQl, subscriptionEvents, config.limits(), batchGetter, clock);
    }

    /** The one table, for the WebSocket items (docs/subscriptions.md). */
    public Table table() {
        return table;
    }

    public Clock clock() {
        return clock;
    }

    public CallerResolver callers() {
        return callers;
    }

    public BatchGetter batchGetter() {
        return batchGetter;
    }

}
