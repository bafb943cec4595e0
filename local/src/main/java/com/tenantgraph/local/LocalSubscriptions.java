package com.tenantgraph.local;

import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.LogSink;
import com.tenantgraph.authorizer.TokenVerifier;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.streams.EventSourceMapping;
import com.tenantgraph.local.streams.StreamPoller;
import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.websocket.LocalWebSocketApi;
import com.tenantgraph.local.websocket.WebSocketApiDefinition;
import com.tenantgraph.subscriptions.StreamFanOutHandler;
import com.tenantgraph.subscriptions.SubscriptionServices;
import com.tenantgraph.subscriptions.SubscriptionSettings;
import com.tenantgraph.subscriptions.TokenCheck;
import com.tenantgraph.subscriptions.WebSocketHandler;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The subscription half of the local stack, started when template.yaml declares the WebSocket API: the local
 * WebSocket API ({@link LocalWebSocketApi}) in front of the real {@link WebSocketHandler}, and a
 * {@link StreamPoller} playing the table stream's event source mapping in front of the real
 * {@link StreamFanOutHandler}. Each function gets its own DynamoDB and Management API clients, as deployed, built by
 * the deployed factory; their DynamoDB calls are counted ({@link #fanOutCalls()}) for the benchmark.
 */
public final class LocalSubscriptions {
    /** The logical ids in template.yaml of the two functions. */
    static final String WEBSOCKET_FUNCTION = "WebSocketFunction";
    static final String FAN_OUT_FUNCTION = "StreamFanOutFunction";

    private final CallCounter fanOutCalls = new CallCounter();
    private final Tracker started;
    private LocalWebSocketApi webSocketApi;
    private StreamPoller poller;

    /** The local stack's list of what to stop, in reverse order, when it closes. */
    @FunctionalInterface
    interface Tracker {
        <T extends AutoCloseable> T track(T component);
    }

    private LocalSubscriptions(Tracker started) {
        this.started = started;
    }

    /** What the subscription functions share with the GraphQL function's configuration. */
    record Dependencies(SamTemplate template, WebSocketApiDefinition api, LocalSettings settings, URI dynamoDbEndpoint,
                        String tableName, AppConfig appConfig, UserDirectory users, AuthorizerConfig authorizer) {
    }

    /** Starts both; everything started is handed to {@code started}, which stops it (also when this fails). */
    static LocalSubscriptions start(Dependencies deps, Tracker started) {
        LocalSubscriptions subscriptions = new LocalSubscriptions(started);
        subscriptions.startAll(deps);
        return subscriptions;
    }

    private void startAll(Dependencies deps) {
        LocalSettings settings = deps.settings();
        int managementPort = settings.webSocketManagementPort() == 0 ? Ports.free() : settings.webSocketManagementPort();
        URI managementEndpoint = URI.create("http://127.0.0.1:" + managementPort + "/" + deps.api().stage());
        SubscriptionSettings subscriptionSettings = SubscriptionSettings.defaults(managementEndpoint,
                deps.appConfig().limits());

        Application webSocketApp = application(deps, null);
        TokenVerifier verifier = TokenVerifier.start(deps.authorizer(), LogSink.standardOutput(), Clock.systemUTC());
        WebSocketHandler webSocketHandler = new WebSocketHandler(new SubscriptionServices(webSocketApp,
                management(managementEndpoint, settings.region()),
                TokenCheck.authorizer(verifier, webSocketApp.callers()), subscriptionSettings).protocol());
        webSocketApi = track(LocalWebSocketApi.start(new LocalWebSocketApi.Config(settings.webSocketPort(),
                managementPort, java.time.Duration.ofMinutes(10), java.time.Duration.ofHours(2),
                subscriptionSettings.initTimeout(), java.time.Duration.ofSeconds(29)), deps.api(),
                Map.of(WEBSOCKET_FUNCTION, webSocketHandler)));

        EventSourceMapping mapping = EventSourceMapping.ofFunction(deps.template(), FAN_OUT_FUNCTION).orElseThrow(
                () -> new IllegalArgumentException("template.yaml declares the WebSocket API but no DynamoDB stream"
                        + " event source mapping for " + FAN_OUT_FUNCTION));
        String streamArn = track(SdkClients.dynamoDb(deps.dynamoDbEndpoint(), settings.region()))
                .describeTable(DescribeTableRequest.builder().tableName(deps.tableName()).build()).table()
                .latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException("the table " + deps.tableName() + " has no stream, but template.yaml maps"
                    + " its stream to " + FAN_OUT_FUNCTION + ": TableDefinition.createTableRequest must create it with"
                    + " the template's StreamSpecification");
        }
        StreamFanOutHandler fanOut = new StreamFanOutHandler(new SubscriptionServices(application(deps, fanOutCalls),
                management(managementEndpoint, settings.region()), null, subscriptionSettings));
        DynamoDbStreamsClient streams = track(SdkClients.dynamoDbStreams(deps.dynamoDbEndpoint(), settings.region()));
        poller = track(StreamPoller.start(streams, streamArn, settings.region(), mapping, fanOut,
                System.out::println));
    }

    private Application application(Dependencies deps, CallCounter counter) {
        DynamoDbClient dynamoDb = track(counter == null
                ? SdkClients.dynamoDb(deps.dynamoDbEndpoint(), deps.settings().region())
                : SdkClients.dynamoDb(deps.dynamoDbEndpoint(), deps.settings().region(), counter));
        return new Application(deps.appConfig(), dynamoDb, deps.users(), Clock.systemUTC());
    }

    private ApiGatewayManagementApiClient management(URI endpoint, String region) {
        return track(AwsClients.webSocketManagement(AwsClients.Settings.local(endpoint, region,
                AwsClients.Timeouts.WEBSOCKET), endpoint));
    }

    private <T extends AutoCloseable> T track(T component) {
        return started.track(component);
    }

    /** {@code ws://127.0.0.1:PORT/STAGE}, what a graphql-ws client connects to. */
    public URI url() {
        return webSocketApi.url();
    }

    public LocalWebSocketApi webSocketApi() {
        return webSocketApi;
    }

    public StreamPoller poller() {
        return poller;
    }

    /** The DynamoDB calls of the fan-out function so far. */
    public CallCounter fanOutCalls() {
        return fanOutCalls;
    }
}
