package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Keys;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.LocalSettings;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.cognito.CognitoSetup;
import com.tenantgraph.local.seed.DemoData;
import com.tenantgraph.local.seed.DemoUser;
import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The request path end to end, with nothing faked: demo users sign in through the Cognito API (cognito-local) with
 * the AWS SDK, send GraphQL over HTTP to the local API Gateway, which runs the real authorizer and the real GraphQL
 * handler against moto_server.
 */
@ExtendWith(SharedLocalStack.class)
class RequestPathIT {
    private static final String ME_AND_TENANT = "{ me { id email name role status } tenant { id name plan } }";

    static java.util.stream.Stream<DemoUser> demoUsers() {
        return DemoData.TENANTS.stream().flatMap(t -> t.users().stream());
    }

    @ParameterizedTest
    @MethodSource("demoUsers")
    void meAndTenant_returnTheCallersOwnData(DemoUser user, LocalStack stack) {
        // GIVEN a demo user signed in through Cognito
        ApiClient api = new ApiClient(stack);
        String token = api.idToken(user.username(), user.password());

        // WHEN they ask for themselves and their tenant
        ApiClient.Response response = api.query(token, ME_AND_TENANT);

        // THEN they get their own membership and their own tenant, nothing else
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContainKey("errors");
        assertThat(response.data("me")).containsEntry("email", user.username()).containsEntry("name", user.name())
                .containsEntry("role", user.role().name()).containsEntry("status", "ACTIVE");
        DemoData.DemoTenant tenant = DemoData.TENANTS.stream().filter(t -> t.id().equals(user.tenant()))
                .findFirst().orElseThrow();
        assertThat(response.data("tenant")).containsEntry("name", tenant.name())
                .containsEntry("plan", tenant.plan().name());
    }

    @Test
    void tenants_areIsolated_evenWhenTheRequestNamesAnotherTenant(LocalStack stack) {
        // GIVEN an ACME admin, and a request that tries to name Globex in a header and a variable
        ApiClient api = new ApiClient(stack);
        String token = api.idToken("ada@acme.test", DemoData.PASSWORD);
        String body = ApiClient.json(Map.of("query", ME_AND_TENANT, "variables", Map.of("tenantId", "globex")));

        // WHEN the request is sent
        ApiClient.Response response = api.post(Map.of("Authorization", "Bearer " + token,
                "X-Tenant-Id", "globex"), body);

        // THEN the tenant is the token's, and the Globex admin sees Globex with a different tenant id
        assertThat(response.data("tenant")).containsEntry("name", "Acme Corporation");
        ApiClient.Response globex = api.query(api.idToken("gina@globex.test", DemoData.PASSWORD), ME_AND_TENANT);
        assertThat(globex.data("tenant")).containsEntry("name", "Globex Industries");
        assertThat(globex.data("tenant").get("id")).isNotEqualTo(response.data("tenant").get("id"));
        assertThat(globex.data("me").get("id")).isNotEqualTo(response.data("me").get("id"));
    }

    @Test
    void disabledMember_isRefusedOnTheNextRequest_withTheSameUnexpiredToken(LocalStack stack) {
        // GIVEN a fresh member who is signed in and served
        TestMember member = TestMember.create(stack, "acme", Role.MEMBER);
        ApiClient api = new ApiClient(stack);
        String token = api.idToken(member.username(), DemoData.PASSWORD);
        assertThat(api.query(token, ME_AND_TENANT).status()).isEqualTo(200);

        // WHEN an admin's change marks the membership record DISABLED
        setStatus(stack, member, UserStatus.DISABLED);

        // THEN the very next request with the same token is refused with FORBIDDEN and no data
        ApiClient.Response refused = api.query(token, ME_AND_TENANT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.body()).doesNotContainKey("data");
    }

    @Test
    void removedOrMissingMember_isRefused(LocalStack stack) {
        // GIVEN two fresh members with valid tokens
        ApiClient api = new ApiClient(stack);
        TestMember removed = TestMember.create(stack, "globex", Role.VIEWER);
        TestMember deleted = TestMember.create(stack, "globex", Role.MEMBER);
        String removedToken = api.idToken(removed.username(), DemoData.PASSWORD);
        String deletedToken = api.idToken(deleted.username(), DemoData.PASSWORD);

        // WHEN one record becomes a REMOVED tombstone and the other disappears
        setStatus(stack, removed, UserStatus.REMOVED);
        stack.dynamoDb().deleteItem(DeleteItemRequest.builder().tableName(stack.output("tableName"))
                .key(Keys.user(TenantId.of("globex"), deleted.id()).toAttributeMap()).build());

        // THEN both are refused
        assertThat(api.query(removedToken, ME_AND_TENANT).firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.query(deletedToken, ME_AND_TENANT).firstErrorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void gateway_answers401_withoutAToken_orWithAForgedOne(LocalStack stack) {
        ApiClient api = new ApiClient(stack);
        String token = api.idToken("vic@acme.test", DemoData.PASSWORD);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        // WHEN requests come without a token, with a forged signature, with an access token, or a bad scheme
        ApiClient.Response none = api.query(null, ME_AND_TENANT);
        ApiClient.Response badSignature = api.query(forged, ME_AND_TENANT);
        ApiClient.Response accessToken = api.query(api.signIn("vic@acme.test", DemoData.PASSWORD).accessToken(),
                ME_AND_TENANT);
        ApiClient.Response basic = api.post(Map.of("Authorization", "Basic " + token),
                ApiClient.json(Map.of("query", ME_AND_TENANT)));

        // THEN each is a 401 with the GraphQL error shape and CORS headers, and no data
        for (ApiClient.Response response : new ApiClient.Response[] {none, badSignature, accessToken, basic}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.body()).doesNotContainKey("data");
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
    }

    @Test
    void tokenOfAnotherUserPool_isRefused(LocalStack stack) {
        // GIVEN a second pool in the same cognito-local (same signing key, different issuer) with a user in it
        var otherPool = CognitoSetup.create(stack.cognito(), "other-" + UUID.randomUUID(),
                SamTemplate.read(RepoFiles.template(), LocalSettings.LOCAL_PARAMETERS));
        DemoUser intruder = new DemoUser("acme", "intruder-" + UUID.randomUUID() + "@evil.test", DemoData.PASSWORD,
                Role.ADMIN, "Intruder");
        new DemoData(stack.cognito(), otherPool.poolId(), null).createCognitoUserOnly(intruder);
        String token = stack.cognito().initiateAuth(b -> b.clientId(otherPool.clientId())
                .authFlow(software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", intruder.username(), "PASSWORD", intruder.password())))
                .authenticationResult().idToken();

        // WHEN its token (claiming tenant acme) is sent to this API
        ApiClient.Response response = new ApiClient(stack).query(token, ME_AND_TENANT);

        // THEN it is refused at the gateway
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
    }

    private static void setStatus(LocalStack stack, TestMember member, UserStatus status) {
        stack.dynamoDb().updateItem(UpdateItemRequest.builder()
                .tableName(stack.output("tableName"))
                .key(Keys.user(TenantId.of(member.tenant()), member.id()).toAttributeMap())
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name())))
                .build());
    }

    /** A member created for one test, so tests that change records never disturb the demo users. */
    record TestMember(String tenant, String username, UserId id) {
        static TestMember create(LocalStack stack, String tenant, Role role) {
            DemoUser user = new DemoUser(tenant, "user-" + UUID.randomUUID() + "@" + tenant + ".test",
                    DemoData.PASSWORD, role, "Test " + role);
            UserId id = new DemoData(stack.cognito(), stack.output("userPoolId"),
                    new com.tenantgraph.data.TenantProvisioning(new com.tenantgraph.data.Table(stack.dynamoDb(),
                            stack.output("tableName")))).addUser(user, Instant.now());
            return new TestMember(tenant, user.username(), id);
        }
    }
}
