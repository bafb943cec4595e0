package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.triggers.Onboarding;
import com.tenantgraph.triggers.UserDirectories;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import java.time.Clock;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.triggers.FounderTenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Tenant sign-up end to end, with exactly the calls the README gives a front end: SignUp with custom:workspaceName,
 * AdminConfirmSignUp (the local stand-in for ConfirmSignUp with the emailed code), InitiateAuth, then GraphQL.
 */
@ExtendWith(SharedLocalStack.class)
class SignUpIT {
    private static final String ME_AND_TENANT = "{ me { id email role status } tenant { id name plan } }";

    @Test
    void signUp_thenConfirm_thenSignIn_makesTheFounderAdminOfANewTenant(LocalStack stack) {
        CognitoIdentityProviderClient cognito = stack.cognito();
        String email = TenantFixture.uniqueEmail("readme");

        // GIVEN a person who signs up with the name of their new workspace
        String sub = cognito.signUp(request -> request
                .clientId(stack.output("userPoolClientId"))
                .username(email)
                .password("Str0ng-Passw0rd!")
                .userAttributes(TenantFixture.attribute("email", email), TenantFixture.attribute("name", "Grace"),
                        TenantFixture.attribute("custom:workspaceName", "Hopper Labs"))).userSub();

        // WHEN the sign-up is confirmed (PostConfirmation runs) and they sign in
        cognito.adminConfirmSignUp(request -> request.userPoolId(stack.output("userPoolId")).username(email));
        String idToken = cognito.initiateAuth(request -> request
                .clientId(stack.output("userPoolClientId"))
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", "Str0ng-Passw0rd!")))
                .authenticationResult().idToken();

        // THEN the ID token carries the tenant the server derived from the sub, and the API shows them as its ADMIN
        Map<String, Object> claims = TenantFixture.claims(idToken);
        assertThat(claims.get("custom:tenantId")).isEqualTo(FounderTenantId.of(UserId.of(sub)).value());
        assertThat(claims.get("cognito:groups").toString()).contains("ADMIN");
        ApiClient.Response response = new ApiClient(stack).query(idToken, ME_AND_TENANT);
        assertThat(response.body()).doesNotContainKey("errors");
        assertThat(response.data("me")).containsEntry("email", email).containsEntry("role", "ADMIN")
                .containsEntry("status", "ACTIVE");
        assertThat(response.data("tenant")).containsEntry("name", "Hopper Labs").containsEntry("plan", "FREE");
    }

    @Test
    void signUp_isRefused_whenItSuppliesATenantId(LocalStack stack) {
        String email = TenantFixture.uniqueEmail("mallory");

        // WHEN a sign-up tries to choose its tenant (acme, a demo tenant)
        // THEN the app client's WriteAttributes refuse it, as on AWS, and no user exists (PreSignUp would refuse it
        // next: CognitoWriteAttributesIT)
        assertThatThrownBy(() -> stack.cognito().signUp(request -> request
                .clientId(stack.output("userPoolClientId")).username(email).password("Str0ng-Passw0rd!")
                .userAttributes(TenantFixture.attribute("email", email),
                        TenantFixture.attribute("custom:workspaceName", "Evil"),
                        TenantFixture.attribute("custom:tenantId", "acme"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("A client attempted to write unauthorized attribute");
        assertThatThrownBy(() -> stack.cognito().adminGetUser(request -> request
                .userPoolId(stack.output("userPoolId")).username(email)))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void signUp_isRefused_withoutAWorkspaceName(LocalStack stack) {
        String email = TenantFixture.uniqueEmail("nameless");

        assertThatThrownBy(() -> stack.cognito().signUp(request -> request
                .clientId(stack.output("userPoolClientId")).username(email).password("Str0ng-Passw0rd!")
                .userAttributes(TenantFixture.attribute("email", email))))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining("custom:workspaceName");
    }

    /**
     * cognito-local saves its own copy of the user after PostAuthentication (InitiateAuth stores the refresh token
     * with the user it read before the trigger), so an attribute the trigger writes is lost there; Cognito keeps it.
     * The sign-in below therefore shows the repair's data side through cognito-local, and the Cognito side by
     * running the same handler once more outside a sign-in, as a retried trigger would.
     */
    @Test
    void confirmedUserWithoutATenant_isRepairedAtSignIn(LocalStack stack) {
        // GIVEN a confirmed user whose PostConfirmation never provisioned anything (no custom:tenantId, no record)
        String email = TenantFixture.uniqueEmail("orphan");
        String pool = stack.output("userPoolId");
        String sub = stack.cognito().adminCreateUser(request -> request.userPoolId(pool).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(TenantFixture.attribute("email", email),
                        TenantFixture.attribute("custom:workspaceName", "Repaired Inc"))).user().attributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        stack.cognito().adminSetUserPassword(request -> request.userPoolId(pool).username(email)
                .password("Str0ng-Passw0rd!").permanent(true));
        ApiClient api = new ApiClient(stack);
        TenantId tenant = FounderTenantId.of(UserId.of(sub));

        // WHEN they sign in: PostAuthentication provisions their tenant
        api.idToken(email, "Str0ng-Passw0rd!");

        // THEN the tenant exists with them as its ADMIN
        Table table = new Table(stack.dynamoDb(), stack.output("tableName"));
        assertThat(new TenantRepository(table).find(tenant)).get()
                .satisfies(t -> assertThat(t.name()).isEqualTo("Repaired Inc"));
        assertThat(new UserRepository(table).find(tenant, UserId.of(sub))).get()
                .satisfies(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));

        // AND WHEN the trigger runs again with the same event (outside cognito-local's sign-in)
        CognitoUserDirectory directory = new CognitoUserDirectory(stack.cognito(), pool);
        new PostAuthenticationHandler(new Onboarding(new TenantProvisioning(table), new UserRepository(table),
                new UserWrites(table), UserDirectories.only(directory), Clock.systemUTC())).handleRequest(
                CognitoUserPoolPostAuthenticationEvent.builder().withUserPoolId(pool).withUserName(email)
                        .withTriggerSource("PostAuthentication_Authentication")
                        .withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder().withUserAttributes(
                                Map.of("sub", sub, "email", email, "custom:workspaceName", "Repaired Inc")).build())
                        .build(), null);

        // THEN the next token carries the tenant and the API serves them as its ADMIN
        String idToken = api.idToken(email, "Str0ng-Passw0rd!");
        assertThat(TenantFixture.claims(idToken)).containsEntry("custom:tenantId", tenant.value());
        ApiClient.Response response = api.query(idToken, ME_AND_TENANT);
        assertThat(response.data("me")).containsEntry("role", "ADMIN");
        assertThat(response.data("tenant")).containsEntry("name", "Repaired Inc");
    }
}
