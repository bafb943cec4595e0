package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.faults.FaultProxy;
import com.tenantgraph.local.faults.FaultProxy.Fault;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.triggers.Onboarding;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import com.tenantgraph.triggers.PostConfirmationHandler;
import com.tenantgraph.triggers.TriggerFailedException;
import com.tenantgraph.triggers.TriggerServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * User administration while the GraphQL handler's and the triggers' Cognito clients reach cognito-local through a
 * {@link FaultProxy} that refuses, resets, drops answers or delays (issue 10, "the same for Cognito"). The handler
 * and the trigger handlers are the real ones, with the deployed client settings; the table (moto) is reached
 * directly. After each fault both stores are read directly: every member's record and Cognito account agree
 * (REMOVED: no account; DISABLED: a disabled account; the role: exactly that one group), every acknowledged change is
 * in both, every change reported failed is in neither (only OUTCOME_UNKNOWN could be either); an invitation needs no
 * Cognito at all, and an invitee's binding cut short by the fault is finished by their next sign-in, exactly once.
 */
@ExtendWith(SharedLocalStack.class)
class CognitoFaultsIT {
    /** One answer: the payload, or the error's code and reason. */
    record Answer(Map<String, Object> payload, String code, String reason) {
        boolean acknowledged() {
            return payload != null;
        }

        boolean reportedFailed() {
            return payload == null && !"OUTCOME_UNKNOWN".equals(reason);
        }
    }

    enum Scenario {
        /** Nothing listens: every Cognito call fails at once. */
        REFUSED(Fault.REFUSE, -1, 0),
        /** The next few connections are reset as the request arrives. */
        RESET(Fault.RESET, 3, 0),
        /** The next few answers are lost after Cognito applied the call. */
        ANSWERS_LOST(Fault.DROP_RESPONSE, 3, 0),
        /** Two calls are held past the per-attempt timeout: applied, then retried by the SDK. */
        DELAYED(Fault.DELAY, 2, 3_500);

        final Fault fault;
        final int requests;
        final long delayMillis;

        Scenario(Fault fault, int requests, long delayMillis) {
            this.fault = fault;
            this.requests = requests;
            this.delayMillis = delayMillis;
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void userAdministration_underACognitoFault_keepsTheTableAndThePoolInAgreement(Scenario scenario,
                                                                                 LocalStack stack) {
        AdminApi stores = new AdminApi(stack);
        TenantFixture tenant = TenantFixture.signUp(stack, "Cognito Faults " + scenario);
        TenantFixture.Account toViewer = tenant.addMember(Role.MEMBER);
        TenantFixture.Account toDisable = tenant.addMember(Role.MEMBER);
        TenantFixture.Account toEnable = tenant.addMember(Role.MEMBER);
        TenantFixture.Account toRemove = tenant.addMember(Role.VIEWER);
        List<TenantFixture.Account> members = List.of(toViewer, toDisable, toEnable, toRemove);
        try (FaultProxy proxy = new FaultProxy(URI.create(stack.output("cognitoEndpoint")));
             CognitoIdentityProviderClient cognito = AwsClients.cognito(AwsClients.Settings.local(proxy.endpoint(),
                     stack.output("region"), AwsClients.Timeouts.GRAPHQL_COGNITO));
             // the trigger functions' own composition root and settings: their Cognito traffic goes through the
             // proxy too
             TriggerServices triggers = TriggerServices.fromEnvironment(Map.of(
                     "TABLE_NAME", stack.output("tableName"), "AWS_REGION", stack.output("region"),
                     "USER_POOL_ID", stack.output("userPoolId"),
                     "DYNAMODB_ENDPOINT", stack.output("dynamoDbEndpoint"),
                     "COGNITO_ENDPOINT", proxy.endpoint().toString()));
             DynamoDbClient dynamoDb = AwsClients.dynamoDb(AwsClients.Settings.local(
                     URI.create(stack.output("dynamoDbEndpoint")), stack.output("region"),
                     AwsClients.Timeouts.GRAPHQL))) {
            // GIVEN the handler's Cognito traffic goes through the proxy, and a member disabled beforehand
            GraphQlHandler handler = new GraphQlHandler(new Application(new AppConfig(stack.output("tableName"), true,
                    QueryLimits.defaults()), dynamoDb, new CognitoUserDirectory(cognito, stack.output("userPoolId")),
                    Clock.systemUTC()));
            Api api = new Api(handler, tenant);
            assertThat(api.send(AdminApi.DISABLE, Map.of("userId", toEnable.globalId(), "expectedVersion", 1),
                    "disableUser").acknowledged()).isTrue();
            // AND two people invited (no Cognito call) who signed up with their accept codes
            List<String> emails = List.of(TenantFixture.uniqueEmail("fault-a"), TenantFixture.uniqueEmail("fault-b"));
            Map<String, Map<String, String>> signedUp = new LinkedHashMap<>();
            for (String email : emails) {
                Answer invited = api.send(Invitations.INVITE, Map.of("email", email, "name", "Invitee", "role",
                        "MEMBER"), "inviteUser");
                String code = (String) invited.payload().get("acceptCode");
                String sub = Invitations.signUp(stack, email, code);
                signedUp.put(email, Map.of("sub", sub, "email", email, "custom:invitation", code));
            }
            Onboarding onboarding = triggers.onboarding();

            // WHEN, while the fault is armed, the ADMIN invites once more (no Cognito call), the invitees confirm
            // (PostConfirmation binds them through the faulty Cognito), and the ADMIN changes a role, disables,
            // enables and removes
            proxy.inject(scenario.fault, scenario.requests, scenario.delayMillis);
            Answer inviteDuringFault = api.send(Invitations.INVITE, Map.of("email",
                    TenantFixture.uniqueEmail("fault-c"), "name", "Invitee", "role", "VIEWER"), "inviteUser");
            Map<String, Boolean> bound = new LinkedHashMap<>();
            signedUp.forEach((email, attributes) -> bound.put(email, confirm(onboarding, stack, attributes)));
            Map<TenantFixture.Account, Answer> changes = new LinkedHashMap<>();
            changes.put(toViewer, api.send(AdminApi.CHANGE_ROLE, Map.of("userId", toViewer.globalId(), "role",
                    "VIEWER", "expectedVersion", 1), "changeUserRole"));
            changes.put(toDisable, api.send(AdminApi.DISABLE, Map.of("userId", toDisable.globalId(),
                    "expectedVersion", 1), "disableUser"));
            changes.put(toEnable, api.send(AdminApi.ENABLE, Map.of("userId", toEnable.globalId(),
                    "expectedVersion", 2), "enableUser"));
            changes.put(toRemove, api.send(AdminApi.REMOVE, Map.of("userId", toRemove.globalId(),
                    "expectedVersion", 1), "removeUser"));
            proxy.heal();

            // THEN every answer is one a caller can trust
            if (scenario != Scenario.REFUSED) {
                assertThat(proxy.injected()).as("the fault was applied").isPositive();
            }
            assertThat(inviteDuringFault.acknowledged()).as("an invitation needs no Cognito").isTrue();
            List<Answer> all = new ArrayList<>(changes.values());
            assertThat(all).as("answers").allMatch(a -> a.acknowledged()
                    || "UNAVAILABLE".equals(a.code()) || "RATE_LIMITED".equals(a.code()));
            if (scenario == Scenario.REFUSED) {
                assertThat(all).as("nothing can succeed while Cognito refuses").noneMatch(Answer::acknowledged);
                assertThat(bound.values()).as("no binding can finish while Cognito refuses").containsOnly(false);
            }

            // AND the record and the Cognito account of every member agree, and match what was answered
            for (TenantFixture.Account member : members) {
                assertAgree(stores, tenant.tenantId, member.sub());
            }
            assertOutcome(stores, tenant, toViewer, changes.get(toViewer), u -> u.role() == Role.VIEWER,
                    u -> u.role() == Role.MEMBER);
            assertOutcome(stores, tenant, toDisable, changes.get(toDisable), u -> u.status() == UserStatus.DISABLED,
                    u -> u.status() == UserStatus.ACTIVE);
            assertOutcome(stores, tenant, toEnable, changes.get(toEnable), u -> u.status() == UserStatus.ACTIVE,
                    u -> u.status() == UserStatus.DISABLED);
            assertOutcome(stores, tenant, toRemove, changes.get(toRemove), u -> u.status() == UserStatus.REMOVED,
                    u -> u.status() == UserStatus.ACTIVE);
            // AND an invitee whose binding failed holds the invitation attribute (the binding is unfinished and
            // can use nothing it did not get), and the next sign-in's PostAuthentication finishes it, once
            for (String email : emails) {
                Map<String, String> account = stores.cognitoAttributes(email);
                if (!bound.get(email)) {
                    assertThat(account).as("unfinished binding of " + email).containsKey("custom:invitation");
                    new PostAuthenticationHandler(onboarding).handleRequest(
                            CognitoUserPoolPostAuthenticationEvent.builder()
                                    .withTriggerSource("PostAuthentication_Authentication")
                                    .withUserPoolId(stack.output("userPoolId")).withUserName(email)
                                    .withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder()
                                            .withUserAttributes(account).build()).build(), null);
                }
                String sub = signedUp.get(email).get("sub");
                assertAgree(stores, tenant.tenantId, sub);
                UserItem record = stores.record(tenant.tenantId, sub);
                assertThat(record.status()).isEqualTo(UserStatus.ACTIVE);
                assertThat(record.role()).isEqualTo(Role.MEMBER);
                assertThat(record.version()).as("written once").isEqualTo(1);
                assertThat(stores.cognitoAttributes(email)).doesNotContainKey("custom:invitation");
                assertThat(stores.invitationExists(tenant.tenantId, email)).isFalse();
            }
        }
    }

    /**
     * PostConfirmation of an invitee through the faulty Cognito; whether it finished. A fault fails it with the
     * message the person is shown, which names nothing of Cognito's calls.
     */
    private static boolean confirm(Onboarding onboarding, LocalStack stack, Map<String, String> attributes) {
        try {
            new PostConfirmationHandler(onboarding).handleRequest(CognitoUserPoolPostConfirmationEvent.builder()
                    .withTriggerSource("PostConfirmation_ConfirmSignUp").withUserPoolId(stack.output("userPoolId"))
                    .withUserName(attributes.get("email")).withRequest(CognitoUserPoolPostConfirmationEvent.Request
                            .builder().withUserAttributes(attributes).build()).build(), null);
            return true;
        } catch (TriggerFailedException e) {
            assertThat(e.getMessage()).startsWith("Your email address is confirmed, but your account is not ready yet")
                    .doesNotContain("Cognito").doesNotContain("Admin");
            return false;
        }
    }

    private static void assertOutcome(AdminApi stores, TenantFixture tenant, TenantFixture.Account member,
                                      Answer answer, java.util.function.Predicate<UserItem> changed,
                                      java.util.function.Predicate<UserItem> unchanged) {
        UserItem record = stores.record(tenant.tenantId, member.sub());
        if (answer.acknowledged()) {
            assertThat(record).as("acknowledged change of " + member.email()).matches(changed);
        } else if (answer.reportedFailed()) {
            assertThat(record).as("change reported failed (" + answer + ") of " + member.email()).matches(unchanged);
        }
    }

    /** The record decides; the Cognito account must say the same. */
    private static void assertAgree(AdminApi stores, String tenant, String sub) {
        UserItem record = stores.record(tenant, sub);
        if (record.status() == UserStatus.REMOVED) {
            assertThat(stores.cognitoUserExists(sub)).as("no account for removed " + sub).isFalse();
            return;
        }
        assertThat(stores.cognitoUserExists(sub)).as("an account for " + record.status() + " " + sub).isTrue();
        assertThat(stores.cognitoEnabled(sub)).as("enabled " + sub)
                .isEqualTo(record.status() != UserStatus.DISABLED);
        assertThat(stores.groups(sub)).as("groups of " + sub).containsExactly(record.role().name());
        assertThat(stores.cognitoAttributes(sub)).containsEntry("custom:tenantId", tenant);
    }

    /** The real handler, called as the local API Gateway calls it after the authorizer allowed the tenant's ADMIN. */
    private record Api(GraphQlHandler handler, TenantFixture tenant) {
        Answer send(String mutation, Map<String, Object> input, String field) {
            APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent
                    .ProxyRequestContext().withRequestId("fault-" + System.nanoTime());
            context.setAuthorizer(Map.of("tenantId", tenant.tenantId, "userId", tenant.admin.sub(),
                    "exp", Long.toString(Instant.now().plusSeconds(600).getEpochSecond())));
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                    .withBody(ApiClient.json(Map.of("query", mutation, "variables", Map.of("input", input))))
                    .withHeaders(Map.of("content-type", "application/json")).withRequestContext(context);
            return answer(body(handler.handleRequest(event, null).getBody()), field);
        }

        @SuppressWarnings("unchecked")
        private static Answer answer(Map<String, Object> body, String field) {
            Map<String, Object> data = (Map<String, Object>) body.get("data");
            Object payload = data == null ? null : data.get(field);
            if (payload != null) {
                return new Answer((Map<String, Object>) payload, null, null);
            }
            Map<String, Object> extensions = (Map<String, Object>) ((List<Map<String, Object>>) body.get("errors"))
                    .get(0).get("extensions");
            return new Answer(null, (String) extensions.get("code"), (String) extensions.get("reason"));
        }

        private static Map<String, Object> body(String json) {
            try {
                return JSON.std.mapFrom(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
