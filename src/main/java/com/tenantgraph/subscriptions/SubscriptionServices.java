package com.tenantgraph.subscriptions;

import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.authorizer.AuthorizerConfig;
import com.tenantgraph.authorizer.LogSink;
import com.tenantgraph.authorizer.TokenVerifier;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.WebSocketStore;
import com.tenantgraph.data.model.Writes;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The composition root of the two subscription functions (they ship in the GraphQL jar): the GraphQL
 * {@link Application} (schema, resolvers, limits, the table client), the WebSocket items, the Management API client
 * and, for the WebSocket function, the authorizer's token verifier. Built once per container.
 */
public final class SubscriptionServices {
    private static final int POST_THREADS = 16;

    private final TransportProtocol protocol;
    private final FanOut fanOut;

    /**
     * @param tokens null for the fan-out function, which verifies no token (its subscribers' tokens were verified at
     *               {@code connection_init}; their expiry and membership are checked at every event)
     */
    public SubscriptionServices(Application application, ApiGatewayManagementApiClient management, TokenCheck tokens,
                                SubscriptionSettings settings) {
        Clock clock = application.clock();
        WebSocketStore store = new WebSocketStore(application.table(), new Writes(application.table(), clock));
        ConnectionChannel channel = new ConnectionChannel(management);
        this.protocol = tokens == null ? null : new TransportProtocol(store, channel, tokens,
                application.subscriptions(), application.batchGetter(), settings, clock);
        Executor posts = Executors.newFixedThreadPool(POST_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "tg-post");
            thread.setDaemon(true);
            return thread;
        });
        this.fanOut = new FanOut(store, channel, application.subscriptions(), clock, posts);
    }

    /**
     * The WebSocket function's: with the verifier of the authorizer's settings (USER_POOL_ID, client ids, …), on the
     * JDK's RSA: it checks one token per connection, and this jar does not carry the authorizer's native provider
     * (graphql/pom.xml), so asking for it would only log a fallback at every init.
     */
    public static SubscriptionServices webSocketFromEnvironment(Map<String, String> env) {
        Map<String, String> verifierEnv = new java.util.HashMap<>(env);
        verifierEnv.put("SIGNATURE_PROVIDER", "jdk");
        TokenVerifier verifier = TokenVerifier.start(AuthorizerConfig.fromEnvironment(verifierEnv),
                LogSink.standardOutput(), Clock.systemUTC());
        Application application = Application.fromEnvironment(env);
        return new SubscriptionServices(application, management(env), TokenCheck.authorizer(verifier,
                application.callers()), settings(env));
    }

    /** The fan-out function's. */
    public static SubscriptionServices fanOutFromEnvironment(Map<String, String> env) {
        return new SubscriptionServices(Application.fromEnvironment(env), management(env), null, settings(env));
    }

    private static SubscriptionSettings settings(Map<String, String> env) {
        return SubscriptionSettings.fromEnvironment(env, AppConfig.fromEnvironment(env).limits());
    }

    private static ApiGatewayManagementApiClient management(Map<String, String> env) {
        return AwsClients.webSocketManagement(AwsClients.Settings.fromEnvironment(env, "NO_ENDPOINT_OVERRIDE",
                AwsClients.Timeouts.WEBSOCKET), settings(env).managementEndpoint());
    }

    public TransportProtocol protocol() {
        if (protocol == null) {
            throw new IllegalStateException("built without a token check: the fan-out function serves no messages");
        }
        return protocol;
    }

    FanOut fanOut() {
        return fanOut;
    }
}
