package com.tenantgraph.data;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one place where every deployable (the GraphQL function, the Cognito triggers, the operator command line) and the
 * local stack build their AWS SDK clients, so that the clients the tests run are the clients AWS runs. Each client gets:
 * <ul>
 *   <li>the lightweight URL-connection HTTP client (no Apache or Netty on the Lambda class path), with a connect timeout
 *       and a socket timeout no longer than one attempt;</li>
 *   <li>the region, and an endpoint override only for the local stack: anything but a loopback address is refused;</li>
 *   <li>credentials from the SDK's default chain when deployed (a SnapStart function gets container credentials from
 *       {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, not environment keys), and static dummy credentials only when the
 *       endpoint override names a loopback emulator, which accepts any;</li>
 *   <li>an attempt timeout, a whole-call timeout and a retry policy from {@link Timeouts}: the standard strategy with
 *       its retry quota (circuit breaker) switched off. The quota protects a shared long-lived client from retry storms;
 *       a Lambda container serves one request at a time with a handful of calls, each already bounded by its attempts
 *       and its call timeout, and with the quota on, an outage spends it so the first transient errors after recovery
 *       are not retried (measured in docs/aws-clients.md);</li>
 *   <li>the {@link SdkCallCounter}, which the request metrics read.</li>
 * </ul>
 */
public final class AwsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private AwsClients() {
    }

    /**
     * How long one attempt and one whole call (all attempts and back-off) may take, and how many attempts a call makes.
     * The call timeout must fit inside the caller's own deadline (API Gateway's 29 s, Cognito's 5 s for a trigger).
     */
    public record Timeouts(Duration attempt, Duration call, int maxAttempts) {
        /**
         * The GraphQL function's DynamoDB calls: attempts of at most 3 s, three at most, within 6 s, so that a write
         * started inside the request's write window ends before the function's timeout (see RequestDeadline).
         */
        public static final Timeouts GRAPHQL = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(6), 3);
        /** The GraphQL function's Cognito calls (user administration). */
        public static final Timeouts GRAPHQL_COGNITO = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(8), 2);
        /** A Cognito trigger has about 5 s in all: two short attempts, so a slow dependency fails the trigger in time. */
        public static final Timeouts TRIGGER = new Timeouts(Duration.ofMillis(1500), Duration.ofMillis(2500), 2);
        /** A read at init (the cursor keys' secret): once per container, before any request. */
        public static final Timeouts INIT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(8), 3);
        /** The WebSocket and fan-out functions: a reply or an event post is worth little once late. */
        public static final Timeouts WEBSOCKET = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), 3);
        /** The operator command line: a person waits, nothing else does. */
        public static final Timeouts OPERATOR = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), 3);

        public Timeouts {
            if (attempt.compareTo(call) > 0 || maxAttempts < 1) {
                throw new IllegalArgumentException("an attempt must fit in the call, and a call makes an attempt");
            }
        }
    }

    /**
     * What a client is built from: region, optional loopback endpoint (null when deployed), timeouts and the
     * interceptors every call passes through (metrics, and fault injection in tests).
     */
    public record Settings(Region region, URI endpoint, Timeouts timeouts, List<ExecutionInterceptor> interceptors) {
        public Settings {
            if (endpoint != null) {
                requireLoopback(endpoint);
            }
            interceptors = List.copyOf(interceptors);
        }

        /** From AWS_REGION (us-east-1 without it) and the named endpoint variable (the local stack sets it). */
        public static Settings fromEnvironment(Map<String, String> env, String endpointVariable, Timeouts timeouts) {
            String endpoint = env.get(endpointVariable);
            try {
                return new Settings(Region.of(env.getOrDefault("AWS_REGION", "us-east-1").trim()),
                        endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()), timeouts,
                        List.of());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(endpointVariable + ": " + e.getMessage(), e);
            }
        }

        /** The local stack's settings: an emulator on a loopback address. */
        public static Settings local(URI endpoint, String region, Timeouts timeouts) {
            return new Settings(Region.of(region), endpoint, timeouts, List.of());
        }

        /** The same settings with one more interceptor, run after those already there. */
        public Settings with(ExecutionInterceptor interceptor) {
            List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
            all.add(interceptor);
            return new Settings(region, endpoint, timeouts, all);
        }
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        return build(DynamoDbClient.builder(), settings);
    }

    public static CognitoIdentityProviderClient cognito(Settings settings) {
        return build(CognitoIdentityProviderClient.builder(), settings);
    }

    /**
     * The API Gateway Management API of one WebSocket API stage ({@code WEBSOCKET_MANAGEMENT_ENDPOINT}): deployed, its
     * {@code https://<api>.execute-api.<region>.amazonaws.com/<stage>} URL, signed with the default credentials; in the
     * local stack a loopback URL with the local credentials. Nothing else is accepted: replies never go elsewhere.
     */
    public static ApiGatewayManagementApiClient webSocketManagement(Settings settings, URI connectionsEndpoint) {
        if (connectionsEndpoint == null) {
            throw new IllegalArgumentException("WEBSOCKET_MANAGEMENT_ENDPOINT is required");
        }
        if (isLoopback(connectionsEndpoint)) {
            return build(ApiGatewayManagementApiClient.builder(), new Settings(settings.region(), connectionsEndpoint,
                    settings.timeouts(), settings.interceptors()));
        }
        String host = connectionsEndpoint.getHost();
        if (!"https".equals(connectionsEndpoint.getScheme()) || host == null || !host.endsWith(".amazonaws.com")) {
            throw new IllegalArgumentException("WEBSOCKET_MANAGEMENT_ENDPOINT must be the WebSocket API's https "
                    + "execute-api URL or a loopback address, got " + connectionsEndpoint);
        }
        return build(ApiGatewayManagementApiClient.builder().endpointOverride(connectionsEndpoint), settings);
    }

    /** Any synchronous client of the SDK, configured as described above. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
                                                                                             Settings settings) {
        Timeouts timeouts = settings.timeouts();
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(timeouts.attempt())
                .apiCallTimeout(timeouts.call())
                .retryStrategy(retryStrategy(timeouts.maxAttempts()))
                .addExecutionInterceptor(SdkCallCounter.INSTANCE);
        settings.interceptors().forEach(override::addExecutionInterceptor);
        builder.region(settings.region())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(min(CONNECT_TIMEOUT, timeouts.attempt()))
                        .socketTimeout(timeouts.attempt()))
                .overrideConfiguration(override.build())
                .credentialsProvider(credentials(settings.endpoint()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /** The standard strategy (exponential back-off with jitter, throttling and 5xx retried) without a retry quota. */
    static RetryStrategy retryStrategy(int maxAttempts) {
        if (maxAttempts == 1) {
            return AwsRetryStrategy.doNotRetry();
        }
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .circuitBreakerEnabled(false)
                .build();
    }

    private static AwsCredentialsProvider credentials(URI endpoint) {
        return endpoint == null ? DefaultCredentialsProvider.builder().build() : LOCAL_CREDENTIALS;
    }

    /** The endpoint override exists for the local stack: anything but a loopback address is refused. */
    public static URI requireLoopback(URI endpoint) {
        if (!isLoopback(endpoint)) {
            throw new IllegalArgumentException("an endpoint override must be a loopback address (the local stack), got "
                    + endpoint);
        }
        return endpoint;
    }

    private static boolean isLoopback(URI endpoint) {
        String host = endpoint.getHost();
        if (host == null || !"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost would need a DNS lookup: refused
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
