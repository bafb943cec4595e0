package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one client factory's rules: loopback-only overrides, credentials by where the client points, the timeouts. */
class AwsClientsTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8000", "http://localhost:4566", "http://[::1]:9229", "http://127.0.0.2:1"})
    void aLoopbackOverride_isAccepted(String endpoint) {
        assertThat(AwsClients.requireLoopback(URI.create(endpoint))).isEqualTo(URI.create(endpoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:8000", "https://dynamodb.us-east-1.amazonaws.com", "http://example.com",
            "http://169.254.170.2", "file:///tmp/x", "http://localhost.example.com:1"})
    void anyOtherOverride_isRefused(String endpoint) {
        assertThatThrownBy(() -> AwsClients.requireLoopback(URI.create(endpoint)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void aRefusedOverride_fromTheEnvironment_namesTheVariable() {
        assertThatThrownBy(() -> AwsClients.Settings.fromEnvironment(Map.of("DYNAMODB_ENDPOINT", "http://10.1.2.3"),
                "DYNAMODB_ENDPOINT", AwsClients.Timeouts.GRAPHQL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DYNAMODB_ENDPOINT: ");
    }

    @Test
    void deployed_usesTheDefaultChain_local_usesDummyCredentials_bothWithTheCallersTimeouts() {
        try (DynamoDbClient deployed = AwsClients.dynamoDb(AwsClients.Settings.fromEnvironment(
                Map.of("AWS_REGION", "eu-west-1"), "DYNAMODB_ENDPOINT", AwsClients.Timeouts.GRAPHQL));
             DynamoDbClient local = AwsClients.dynamoDb(AwsClients.Settings.local(URI.create("http://127.0.0.1:1"),
                     "us-east-1", AwsClients.Timeouts.TRIGGER))) {
            assertThat(deployed.serviceClientConfiguration().credentialsProvider())
                    .isInstanceOf(DefaultCredentialsProvider.class);
            assertThat(deployed.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
            assertThat(deployed.serviceClientConfiguration().endpointOverride()).isEmpty();
            assertThat(local.serviceClientConfiguration().credentialsProvider())
                    .isInstanceOf(StaticCredentialsProvider.class);

            ClientOverrideConfiguration graphql = deployed.serviceClientConfiguration().overrideConfiguration();
            assertThat(graphql.apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
            assertThat(graphql.apiCallTimeout()).contains(Duration.ofSeconds(6));
            assertThat(graphql.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(3);
            assertThat(graphql.executionInterceptors()).contains(SdkCallCounter.INSTANCE);
            ClientOverrideConfiguration trigger = local.serviceClientConfiguration().overrideConfiguration();
            assertThat(trigger.apiCallTimeout()).contains(Duration.ofMillis(2500));
            assertThat(trigger.retryStrategy().orElseThrow().maxAttempts()).isEqualTo(2);
        }
    }

    @Test
    void anAttemptLongerThanItsCall_isRefused() {
        assertThatThrownBy(() -> new AwsClients.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
