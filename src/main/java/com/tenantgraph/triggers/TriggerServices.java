package com.tenantgraph.triggers;

import com.tenantgraph.cognito.CognitoClients;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The composition root of the trigger functions: built once per container from the environment (TABLE_NAME,
 * AWS_REGION; USER_POOL_ID optionally (see {@link UserDirectories}); DYNAMODB_ENDPOINT and COGNITO_ENDPOINT for the local stack only). Cognito waits about 5 s
 * for a trigger, so every call has a short per-attempt timeout and at most two attempts: a slow dependency fails the
 * trigger (which Cognito reports, and a retry repairs) instead of running past Cognito's deadline.
 */
final class TriggerServices {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(2500);

    private TriggerServices() {
    }

    /** One per container, built on first use by a handler's no-argument constructor. */
    static Onboarding onboarding() {
        return Holder.ONBOARDING;
    }

    private static final class Holder {
        static final Onboarding ONBOARDING = fromEnvironment(System.getenv());
    }

    static Onboarding fromEnvironment(Map<String, String> env) {
        String tableName = env.get("TABLE_NAME");
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("TABLE_NAME is required");
        }
        Table table = new Table(dynamoDb(env), tableName.trim());
        CognitoIdentityProviderClient cognito = CognitoClients.create(CognitoClients.Settings.fromEnvironment(env,
                ATTEMPT_TIMEOUT, CALL_TIMEOUT), List.of());
        String poolId = env.get("USER_POOL_ID");
        UserDirectories directories = poolId == null || poolId.isBlank() ? UserDirectories.invokingPool(cognito)
                : UserDirectories.only(new CognitoUserDirectory(cognito, poolId.trim()));
        return new Onboarding(new TenantProvisioning(table), new UserRepository(table), new UserWrites(table),
                directories, Clock.systemUTC());
    }

    private static DynamoDbClient dynamoDb(Map<String, String> env) {
        String endpoint = env.get("DYNAMODB_ENDPOINT");
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build())
                        .build());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        return builder.build();
    }
}
