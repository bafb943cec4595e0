package com.tenantgraph.cognito;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * Builds the one Cognito client of a container: the lightweight URL-connection HTTP client, short timeouts, and two
 * attempts at most (a trigger has about 5 s in all, and cognito-local answers an unsupported call with HTTP 500, which
 * the SDK's default policy would retry three times). COGNITO_ENDPOINT overrides the endpoint for the local stack
 * only, so it must name a loopback address.
 */
public final class CognitoClients {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private CognitoClients() {
    }

    /** Settings of a Cognito client: region, optional loopback endpoint, per-attempt and whole-call timeouts. */
    public record Settings(String region, URI endpoint, Duration attemptTimeout, Duration callTimeout) {
        /** From AWS_REGION and COGNITO_ENDPOINT, with the given timeouts. */
        public static Settings fromEnvironment(Map<String, String> env, Duration attemptTimeout, Duration callTimeout) {
            String endpoint = env.get("COGNITO_ENDPOINT");
            return new Settings(env.getOrDefault("AWS_REGION", "us-east-1"),
                    endpoint == null || endpoint.isBlank() ? null : loopbackOnly(URI.create(endpoint.trim())),
                    attemptTimeout, callTimeout);
        }
    }

    public static CognitoIdentityProviderClient create(Settings settings, List<ExecutionInterceptor> interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .apiCallTimeout(settings.callTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build());
        interceptors.forEach(override::addExecutionInterceptor);
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(settings.attemptTimeout()))
                .overrideConfiguration(override.build())
                .credentialsProvider(credentials(settings.endpoint()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    /** The endpoint override exists for the local stack: anything but a loopback address is refused. */
    public static URI loopbackOnly(URI endpoint) {
        if (endpoint.getHost() == null || !LOOPBACK_HOSTS.contains(endpoint.getHost())) {
            throw new IllegalArgumentException("COGNITO_ENDPOINT must be a loopback address (the local stack), got "
                    + endpoint);
        }
        return endpoint;
    }

    private static AwsCredentialsProvider credentials(URI endpoint) {
        boolean hasEnvironmentKeys = System.getenv("AWS_ACCESS_KEY_ID") != null;
        if (endpoint != null && !hasEnvironmentKeys) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
