package com.tenantgraph.local.e2e;

import static com.tenantgraph.local.e2e.TenantFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.SdkClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * The app clients' WriteAttributes, enforced in front of cognito-local as Cognito enforces them: through the local
 * Cognito endpoint ({@code cognitoEndpoint}, what front ends and tests use) a client cannot write
 * {@code custom:tenantId}, and gets Cognito's own NotAuthorizedException. Each test also makes the same call straight
 * at cognito-local, which does not refuse it: that is why the proxy exists.
 */
@ExtendWith(SharedLocalStack.class)
class CognitoWriteAttributesIT {
    private static final String UNAUTHORIZED_ATTRIBUTE = "A client attempted to write unauthorized attribute";
    private static final String PASSWORD = "Str0ng-Passw0rd!";

    @Test
    void signUp_writingTheTenant_isRefusedAsCognitoRefusesIt_byEitherAppClient(LocalStack stack) {
        for (String client : new String[] {"userPoolClientId", "explorerClientId"}) {
            String email = TenantFixture.uniqueEmail("mallory");

            // WHEN a sign-up through the local Cognito endpoint sets custom:tenantId
            // THEN Cognito's answer: 400 NotAuthorizedException, and no account exists
            assertThatThrownBy(() -> stack.cognito().signUp(r -> r.clientId(stack.output(client)).username(email)
                    .password(PASSWORD).userAttributes(attribute("email", email),
                            attribute("custom:workspaceName", "Evil"), attribute("custom:tenantId", "acme"))))
                    .isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(UNAUTHORIZED_ATTRIBUTE);
                    });
            assertThatThrownBy(() -> stack.cognito().adminGetUser(r -> r.userPoolId(stack.output("userPoolId"))
                    .username(email))).isInstanceOf(UserNotFoundException.class);
        }

        // AND straight at cognito-local the client's WriteAttributes are ignored: only the PreSignUp trigger
        // (ours, not Cognito's) refuses it there
        String email = TenantFixture.uniqueEmail("mallory");
        try (CognitoIdentityProviderClient direct = direct(stack)) {
            assertThatThrownBy(() -> direct.signUp(r -> r.clientId(stack.output("userPoolClientId")).username(email)
                    .password(PASSWORD).userAttributes(attribute("email", email),
                            attribute("custom:workspaceName", "Evil"), attribute("custom:tenantId", "acme"))))
                    .isInstanceOf(UserLambdaValidationException.class).hasMessageContaining("custom:tenantId");
        }
    }

    @Test
    void updateUserAttributes_writingTheTenant_isRefused_whileAllowedAttributesAreWritten(LocalStack stack) {
        // GIVEN a founder signed up (allowed attributes pass the proxy) and signed in with the web client
        TenantFixture founder = TenantFixture.signUp(stack, "Write Rules Ltd");
        String email = founder.admin.email();
        String accessToken = new ApiClient(stack).signIn(email, TenantFixture.PASSWORD).accessToken();

        // WHEN they try to move themselves to another tenant through the local Cognito endpoint
        // THEN NotAuthorizedException, and the attribute is unchanged
        assertThatThrownBy(() -> stack.cognito().updateUserAttributes(r -> r.accessToken(accessToken)
                .userAttributes(attribute("custom:tenantId", "acme"))))
                .isInstanceOfSatisfying(NotAuthorizedException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(UNAUTHORIZED_ATTRIBUTE));
        assertThatThrownBy(() -> stack.cognito().updateUserAttributes(r -> r.accessToken(accessToken)
                .userAttributes(attribute("name", "Renamed"), attribute("email_verified", "true"))))
                .isInstanceOf(NotAuthorizedException.class);
        assertThat(storedAttribute(stack, email, "custom:tenantId")).isEqualTo(founder.tenantId);

        // AND an attribute the client may write is written
        stack.cognito().updateUserAttributes(r -> r.accessToken(accessToken)
                .userAttributes(attribute("name", "Renamed Founder")));
        assertThat(storedAttribute(stack, email, "name")).isEqualTo("Renamed Founder");

        // AND straight at cognito-local the same call goes through (what the proxy exists to stop)
        try (CognitoIdentityProviderClient direct = direct(stack)) {
            direct.updateUserAttributes(r -> r.accessToken(accessToken)
                    .userAttributes(attribute("custom:tenantId", "acme")));
        }
        assertThat(storedAttribute(stack, email, "custom:tenantId")).isEqualTo("acme");
    }

    @Test
    void theRefusal_hasCognitosWireShape_andEverythingElsePassesByteForByte(LocalStack stack) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = "{\"ClientId\":\"" + stack.output("userPoolClientId") + "\",\"Username\":\"x@example.test\","
                + "\"Password\":\"" + PASSWORD + "\",\"UserAttributes\":[{\"Name\":\"custom:tenantId\",\"Value\":\"a\"}]}";

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(stack.output("cognitoEndpoint")))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.SignUp")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("NotAuthorizedException");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(refused.body()).isEqualTo("{\"__type\":\"NotAuthorizedException\",\"message\":\""
                + UNAUTHORIZED_ATTRIBUTE + "\"}");

        // the JWKS (what the authorizer fetches) is cognito-local's, byte for byte
        String jwks = "/" + stack.output("userPoolId") + "/.well-known/jwks.json";
        HttpResponse<byte[]> proxied = http.send(HttpRequest.newBuilder(URI.create(stack.output("cognitoEndpoint")
                + jwks)).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> direct = http.send(HttpRequest.newBuilder(URI.create(stack.cognitoLocalEndpoint()
                + jwks)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo(direct.body());
        assertThat(proxied.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
        // and the tokens name the local Cognito endpoint as their issuer, as Cognito's name its public one
        assertThat(stack.output("userPoolIssuer")).startsWith(stack.output("cognitoEndpoint"));
    }

    private static CognitoIdentityProviderClient direct(LocalStack stack) {
        return SdkClients.cognito(stack.cognitoLocalEndpoint(), stack.output("region"));
    }

    private static String storedAttribute(LocalStack stack, String username, String name) {
        AdminGetUserResponse user = stack.cognito().adminGetUser(r -> r.userPoolId(stack.output("userPoolId"))
                .username(username));
        return user.userAttributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value)
                .findFirst().orElse(null);
    }
}
