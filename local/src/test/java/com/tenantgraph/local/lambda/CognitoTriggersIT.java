package com.tenantgraph.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.local.emulator.CognitoLocal;
import com.tenantgraph.local.emulator.Ports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/**
 * Real cognito-local calling trigger handlers through the local Lambda Invoke endpoint, driven by the real AWS SDK:
 * proof that the endpoint speaks the Invoke API as cognito-local's Lambda client expects, both ways.
 */
class CognitoTriggersIT {
    @TempDir
    Path dataDir;

    private final List<CognitoUserPoolPreSignUpEvent> preSignUps = new CopyOnWriteArrayList<>();
    private final List<CognitoUserPoolPostConfirmationEvent> postConfirmations = new CopyOnWriteArrayList<>();
    private LocalLambdaEndpoint lambda;
    private CognitoLocal cognito;
    private CognitoIdentityProviderClient client;
    private String poolId;
    private String clientId;

    @BeforeEach
    void start() {
        lambda = LocalLambdaEndpoint.start(0);
        lambda.register("preSignUp", CognitoUserPoolPreSignUpEvent.class, (event, context) -> {
            preSignUps.add(event);
            if (event.getRequest().getUserAttributes().containsKey("custom:tenantId")) {
                throw new IllegalArgumentException("custom:tenantId is set by the server only");
            }
            return event;
        });
        lambda.register("postConfirmation", CognitoUserPoolPostConfirmationEvent.class, (event, context) -> {
            postConfirmations.add(event);
            return event;
        });
        cognito = CognitoLocal.start(Ports.free(), dataDir, lambda.endpoint(),
                Map.of("PreSignUp", "preSignUp", "PostConfirmation", "postConfirmation"), null);
        client = CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        poolId = client.createUserPool(pool -> pool.poolName("triggers")).userPool().id();
        clientId = client.createUserPoolClient(app -> app.userPoolId(poolId).clientName("web"))
                .userPoolClient().clientId();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (cognito != null) {
            cognito.close();
        }
        lambda.close();
    }

    @Test
    void signUp_failsWithUserLambdaValidation_whenPreSignUpThrows() {
        // WHEN / THEN
        assertThatThrownBy(() -> signUp("mallory", attribute("custom:tenantId", "someone-elses")))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining("custom:tenantId is set by the server only");
        assertThat(preSignUps).hasSize(1);
    }

    @Test
    void confirmSignUp_runsPostConfirmation_withTheAttributesGivenAtSignUp() {
        // GIVEN
        signUp("ada", attribute("custom:workspaceName", "Engines"));

        // WHEN
        client.adminConfirmSignUp(confirm -> confirm.userPoolId(poolId).username("ada"));

        // THEN
        assertThat(preSignUps).singleElement()
                .satisfies(event -> assertThat(event.getTriggerSource()).isEqualTo("PreSignUp_SignUp"));
        assertThat(postConfirmations).singleElement().satisfies(event -> {
            assertThat(event.getTriggerSource()).isEqualTo("PostConfirmation_ConfirmSignUp");
            assertThat(event.getUserPoolId()).isEqualTo(poolId);
            assertThat(event.getUserName()).isEqualTo("ada");
            assertThat(event.getRequest().getUserAttributes())
                    .containsEntry("email", "ada@example.com")
                    .containsEntry("custom:workspaceName", "Engines");
        });
    }

    private void signUp(String username, AttributeType extra) {
        client.signUp(signUp -> signUp.clientId(clientId).username(username).password("Passw0rd!local")
                .userAttributes(attribute("email", username + "@example.com"), extra));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
