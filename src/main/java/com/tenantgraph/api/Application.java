package com.tenantgraph.api;

import com.tenantgraph.data.BatchGetter;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.graphql.GraphQlFactory;
import com.tenantgraph.tenancy.CallerResolver;
import com.tenantgraph.tenancy.TenantId;
import graphql.GraphQL;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
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

    private final AppConfig config;
    private final GraphQL graphQl;
    private final CallerResolver callers;
    private final BatchGetter batchGetter;
    private final ExecutorService ioExecutor;
    private final DynamoDbClient dynamoDb;
    private final Clock clock;

    public Application(AppConfig config, DynamoDbClient dynamoDb, Clock clock) {
        this(config, dynamoDb, clock, GraphQlFactory.create(config.limits()));
    }

    private Application(AppConfig config, DynamoDbClient dynamoDb, Clock clock, GraphQL graphQl) {
        this.config = config;
        this.clock = clock;
        this.ioExecutor = Executors.newFixedThreadPool(IO_THREADS, daemonThreads());
        this.dynamoDb = dynamoDb;
        Table table = new Table(dynamoDb, config.tableName());
        this.batchGetter = new BatchGetter(table);
        this.callers = new CallerResolver(clock);
        this.graphQl = graphQl;
    }

    /**
     * The runtime's path. The two slow parts of init, the GraphQL schema (with logging's start-up) and the SDK client,
     * are independent, so they are built side by side: Lambda gives the init phase its full CPU allowance.
     */
    public static Application fromEnvironment(java.util.Map<String, String> env) {
        AppConfig config = AppConfig.fromEnvironment(env);
        CompletableFuture<GraphQL> graphQl = CompletableFuture.supplyAsync(() -> {
            LoggerFactory.getLogger(Application.class).debug("building the GraphQL schema");
            return GraphQlFactory.create(config.limits());
        }, task -> new Thread(task, "tg-init-graphql").start());
        DynamoDbClient dynamoDb = dynamoDbClient(config);
        return new Application(config, dynamoDb, Clock.systemUTC(), graphQl.join());
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

    /**
     * One BatchGetItem of a key that never exists, made at init so the SDK's first-call costs (marshallers, signer,
     * connection) are paid before the first request rather than during it. Best effort: a failure is logged and
     * ignored, and a short timeout keeps an unreachable endpoint from holding up init.
     */
    void warmUpDynamoDb() {
        try {
            dynamoDb.batchGetItem(BatchGetItemRequest.builder()
                    .requestItems(Map.of(config.tableName(), KeysAndAttributes.builder()
                            .keys(Keys.tenant(WARM_UP_TENANT).toAttributeMap()).build()))
                    .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2)))
                    .build());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Application.class).atWarn().addKeyValue("errorType", e.getClass().getName())
                    .log("DynamoDB warm-up at init failed; the first request will pay the SDK's start-up");
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tg-io-" + count.incrementAndGet());
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
