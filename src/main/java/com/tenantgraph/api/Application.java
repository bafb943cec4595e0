package com.tenantgraph.api;

import com.tenantgraph.data.BatchGetter;
import com.tenantgraph.data.ListQueries;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.graphql.domain.DomainServices;
import com.tenantgraph.graphql.pagination.CursorCodec;
import com.tenantgraph.graphql.pagination.CursorKeys;
import com.tenantgraph.workspace.CommentService;
import com.tenantgraph.workspace.Idempotency;
import com.tenantgraph.workspace.ProjectService;
import com.tenantgraph.workspace.Purge;
import com.tenantgraph.workspace.TaskService;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.graphql.GraphQlFactory;
import com.tenantgraph.tenancy.CallerResolver;
import com.tenantgraph.tenancy.MembershipCheck;
import graphql.GraphQL;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The composition root of the GraphQL Lambda: every long-lived object is built here, once per container, by hand.
 * The runtime's path is {@link #fromEnvironment}; tests and the local stack pass their own DynamoDB client.
 */
public final class Application {
    private static final int IO_THREADS = 16;
    private static final int PURGE_THREADS = 8;
    /** How long a deleteProject may purge within its request; the rest resumes on the next call. */
    private static final Duration PURGE_BUDGET = Duration.ofSeconds(5);

    private final AppConfig config;
    private final GraphQL graphQl;
    private final CallerResolver callers;
    private final MembershipCheck membership;
    private final BatchGetter batchGetter;
    private final ExecutorService ioExecutor;
    private final Clock clock;

    /** For tests and the local stack: a random cursor key, as their data does not outlive the process either. */
    public Application(AppConfig config, DynamoDbClient dynamoDb, Clock clock) {
        this(config, dynamoDb, clock, CursorKeys.random());
    }

    public Application(AppConfig config, DynamoDbClient dynamoDb, Clock clock, CursorKeys cursorKeys) {
        this.config = config;
        this.clock = clock;
        this.ioExecutor = Executors.newFixedThreadPool(IO_THREADS, daemonThreads("tg-io-"));
        Table table = new Table(dynamoDb, config.tableName());
        this.batchGetter = new BatchGetter(table);
        this.membership = new MembershipCheck(new UserRepository(table), ioExecutor);
        this.callers = new CallerResolver(clock);
        this.graphQl = GraphQlFactory.create(config.limits(), domainServices(table, clock, cursorKeys));
    }

    public static Application fromEnvironment(java.util.Map<String, String> env) {
        AppConfig config = AppConfig.fromEnvironment(env);
        return new Application(config, dynamoDbClient(config), Clock.systemUTC(), CursorKeys.fromEnvironment(env));
    }

    /** The workspace domain: writes with their hooks, the purge on its own small pool, lists, cursors. */
    private DomainServices domainServices(Table table, Clock clock, CursorKeys cursorKeys) {
        Writes writes = new Writes(table, clock);
        Idempotency idempotency = new Idempotency(table, writes);
        Purge purge = new Purge(table, writes, Executors.newFixedThreadPool(PURGE_THREADS, daemonThreads("tg-purge-")),
                clock, PURGE_BUDGET);
        return new DomainServices(new ListQueries(table), new ProjectService(table, writes, idempotency, purge),
                new TaskService(table, writes, idempotency, purge), new CommentService(table, writes, idempotency),
                new CursorCodec(cursorKeys), batchGetter, ioExecutor);
    }

    /** One lightweight HTTP client, built at init; the endpoint override exists for the local stack only. */
    static DynamoDbClient dynamoDbClient(AppConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(3))
                        .apiCallTimeout(Duration.ofSeconds(10))
                        .build())
                .credentialsProvider(credentials(config));
        if (config.dynamoDbEndpoint() != null) {
            builder.endpointOverride(config.dynamoDbEndpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(AppConfig config) {
        boolean hasEnvironmentKeys = System.getenv("AWS_ACCESS_KEY_ID") != null;
        if (config.dynamoDbEndpoint() != null && !hasEnvironmentKeys) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public AppConfig config() {
        return config;
    }

    public GraphQL graphQl() {
        return graphQl;
    }

    public CallerResolver callers() {
        return callers;
    }

    public MembershipCheck membership() {
        return membership;
    }

    public BatchGetter batchGetter() {
        return batchGetter;
    }

    public ExecutorService ioExecutor() {
        return ioExecutor;
    }

    public Clock clock() {
        return clock;
    }
}
