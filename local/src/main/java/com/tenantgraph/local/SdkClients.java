package com.tenantgraph.local;

import com.tenantgraph.data.AwsClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local stack's AWS SDK clients, built by the deployed code's own factory ({@link AwsClients}) with the deployed
 * timeouts and retry policy: they differ from the deployed clients only in the loopback endpoint and the dummy
 * credentials the emulators accept.
 */
public final class SdkClients {
    /**
     * The stack's own Cognito calls (setup, seeding, tests; no deployed caller makes them): one attempt, as
     * cognito-local answers an unsupported call with HTTP 500, which a retry would only repeat; and a generous
     * timeout, as a sign-up confirmed here runs the trigger functions inside the call, which on a loaded machine takes
     * seconds.
     */
    private static final AwsClients.Timeouts SETUP_COGNITO =
            new AwsClients.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), 1);

    private SdkClients() {
    }

    /** A DynamoDB client configured as the GraphQL function's. */
    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return AwsClients.dynamoDb(AwsClients.Settings.local(endpoint, region, AwsClients.Timeouts.GRAPHQL));
    }

    /** The GraphQL function's DynamoDB client, its calls passing through {@code interceptors} (faults, counters). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region, ExecutionInterceptor... interceptors) {
        AwsClients.Settings settings = AwsClients.Settings.local(endpoint, region, AwsClients.Timeouts.GRAPHQL);
        for (ExecutionInterceptor interceptor : interceptors) {
            settings = settings.with(interceptor);
        }
        return AwsClients.dynamoDb(settings);
    }

    /** The GraphQL function's Cognito client, its calls passing through {@code interceptor}. */
    public static CognitoIdentityProviderClient functionCognito(URI endpoint, String region,
                                                                ExecutionInterceptor interceptor) {
        return AwsClients.cognito(AwsClients.Settings.local(endpoint, region, AwsClients.Timeouts.GRAPHQL_COGNITO)
                .with(interceptor));
    }

    /**
     * The local event source mapping's DynamoDB Streams client (Lambda's poller, not a function's client): the
     * SDK's default timeouts and retries, the loopback endpoint and dummy credentials.
     */
    public static DynamoDbStreamsClient dynamoDbStreams(URI endpoint, String region) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** The stack's own Cognito client (setup and tests): a single attempt. */
    public static CognitoIdentityProviderClient cognito(URI endpoint, String region) {
        return AwsClients.cognito(AwsClients.Settings.local(endpoint, region, SETUP_COGNITO));
    }
}
