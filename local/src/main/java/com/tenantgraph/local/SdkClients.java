package com.tenantgraph.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Real AWS SDK clients pointed at the local emulators (static dummy credentials; the emulators ignore them). */
public final class SdkClients {
    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private SdkClients() {
    }

    /** Passes every call through unchanged. */
    private static final ExecutionInterceptor NONE = new ExecutionInterceptor() {
    };

    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return dynamoDb(endpoint, region, NONE);
    }

    /** A DynamoDB client whose calls pass through {@code interceptor} (the local GraphQL function's, for tests). */
    public static DynamoDbClient dynamoDb(URI endpoint, String region, ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(interceptor)
                        .build())
                .build();
    }

    /** A Cognito client without retries whose calls pass through {@code interceptor}. */
    public static CognitoIdentityProviderClient cognito(URI endpoint, String region, ExecutionInterceptor interceptor) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(interceptor).build())
                .build();
    }

    /** cognito-local answers unsupported calls with 500: no retries, so such a call fails at once. */
    public static CognitoIdentityProviderClient cognito(URI endpoint, String region) {
        return cognito(endpoint, region, NONE);
    }
}
