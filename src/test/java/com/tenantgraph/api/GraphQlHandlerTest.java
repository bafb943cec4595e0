package com.tenantgraph.api;

import static com.tenantgraph.api.MockedTableApi.NOW;
import static com.tenantgraph.api.MockedTableApi.TABLE;
import static com.tenantgraph.api.MockedTableApi.TENANT;
import static com.tenantgraph.api.MockedTableApi.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tenantgraph.api.MockedTableApi.Reply;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The GraphQL Lambda end to end, in-process: API Gateway proxy events in, HTTP replies out, DynamoDB mocked. Covers the
 * tenancy rules of docs/security.md (tenant only from the token, membership checked with a consistent read on every
 * request, expired tokens refused before any read) and the error behaviour (every error has extensions.code;
 * unexpected failures are masked and carry the request id).
 */
class GraphQlHandlerTest {
    private static final String ME_AND_TENANT = "{ me { id email role } tenant { name plan } }";
    /** The caller's membership record: read on every request, even one refused before any resolver runs. */
    private static final TableKey MEMBERSHIP_KEY = Keys.user(TenantId.of(TENANT), UserId.of(USER));
    /** The tenant item, read beside the membership on every request for its status. */
    private static final TableKey TENANT_KEY = Keys.tenant(TenantId.of(TENANT));

    @Test
    void query_returnsMeAndTenant_whenCallerIsAnActiveMember() {
        // GIVEN tenant t1 with u-1 as an active ADMIN
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN u-1 asks for itself and its tenant
        Reply reply = api.query(ME_AND_TENANT);

        // THEN both come back, with an opaque global id for the user
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.errors()).isEmpty();
        assertThat(reply.data()).isEqualTo(Map.of(
                "me", Map.of("id", GlobalId.encode("User", USER), "email", USER + "@example.com", "role", "ADMIN"),
                "tenant", Map.of("name", "Acme", "plan", "TEAM")));
        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void query_readsMembershipAndTheFirstLevelInOneConsistentBatch() {
        // GIVEN an active member
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN it queries me and tenant
        api.query(ME_AND_TENANT);

        // THEN one consistent BatchGetItem carries the membership record and the tenant: no GetItem, no second trip
        ArgumentCaptor<BatchGetItemRequest> batch = ArgumentCaptor.forClass(BatchGetItemRequest.class);
        verify(api.dynamoDb, times(1)).batchGetItem(batch.capture());
        assertThat(batch.getValue().requestItems().get(TABLE).consistentRead()).isTrue();
        assertThat(batch.getValue().requestItems().get(TABLE).keys()).containsExactlyInAnyOrder(
                Map.of("PK", AttributeValue.fromS("TENANT#t1#USER#u-1"), "SK", AttributeValue.fromS("USER")),
                Map.of("PK", AttributeValue.fromS("TENANT#t1#TENANT"), "SK", AttributeValue.fromS("TENANT")));
        assertThat(api.calls("getItem")).isEmpty();
        // AND `me` reuses the membership record rather than reading it again
        assertThat(api.keysReceived()).hasSize(2);
    }

    @Test
    void query_batchesTheSameLevelIntoOneBatchGetItem_whenTheTenantIsAskedForTwice() {
        // GIVEN an active member
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN the tenant is asked for twice at the same level, under two aliases
        Reply reply = api.query("{ a: tenant { name } b: tenant { plan } }");

        // THEN both are answered from one BatchGetItem with one key (the request's DataLoader dedups)
        assertThat(reply.data()).isEqualTo(Map.of("a", Map.of("name", "Acme"), "b", Map.of("plan", "TEAM")));
        assertThat(api.calls("batchGetItem")).hasSize(1);
        assertThat(api.keysReceived()).containsOnly(new TableKey("TENANT#t1#USER#u-1", "USER"),
                new TableKey("TENANT#t1#TENANT", "TENANT"));
    }

    @Test
    void query_readsOnlyTheTokensTenant_whateverTheRequestClaims() {
        // GIVEN tenant t1 (the token's) and tenant t12 with the same user id, both stocked
        MockedTableApi api = new MockedTableApi().withActiveAdmin()
                .withTenant("t12", "Other", Plan.ENTERPRISE).withMember("t12", USER, Role.ADMIN, UserStatus.ACTIVE);
        // AND a request that names t12 everywhere a client could: header, query string, variables, operation name
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json",
                "X-Tenant-Id", "t12", "tenantId", "t12"));
        APIGatewayProxyRequestEvent event = MockedTableApi.event("POST", headers, MockedTableApi.json(Map.of(
                "query", "query t12 { me { id } tenant { name } }",
                "operationName", "t12",
                "variables", Map.of("tenantId", "t12"))), MockedTableApi.validAuthorizer())
                .withQueryStringParameters(Map.of("tenantId", "t12"));

        // WHEN it is sent with a token for t1
        Reply reply = api.send(event);

        // THEN it sees t1, and every key DynamoDB received is inside TENANT#t1#
        assertThat(reply.data()).containsEntry("tenant", Map.of("name", "Acme"));
        assertThat(api.keysReceived()).isNotEmpty().allSatisfy(key -> assertThat(key.pk()).startsWith("TENANT#t1#"));
    }

    @ParameterizedTest
    @EnumSource(value = UserStatus.class, names = {"DISABLED", "REMOVED"})
    void query_isForbiddenWithoutData_whenMembershipIsRevoked(UserStatus revoked) {
        // GIVEN a user whose membership was disabled or removed after the token was issued
        MockedTableApi api = new MockedTableApi().withTenant(TENANT, "Acme", Plan.TEAM)
                .withMember(TENANT, USER, Role.ADMIN, revoked);

        // WHEN it still presents a valid, unexpired token
        Reply reply = api.query(ME_AND_TENANT);

        // THEN it is refused on this very request, and nothing of the tenant is released
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(reply.body()).doesNotContainKey("data");
        assertThat(reply.rawBody()).doesNotContain("Acme");
    }

    @Test
    void everyRequest_isForbiddenWithReasonTenantSuspended_whileTheTenantIsSuspended_andAnsweredOnceResumed() {
        // GIVEN an active ADMIN of a tenant the operators suspended
        MockedTableApi api = new MockedTableApi().withActiveAdmin().withTenantStatus(TENANT, TenantStatus.SUSPENDED);

        // WHEN it reads, and when it tries to write
        Reply read = api.query(ME_AND_TENANT);
        Reply write = api.query(
                "mutation { updateTenant(input: {name: \"Mine\", expectedVersion: 1}) { tenant { name } } }");

        // THEN both are FORBIDDEN with reason TENANT_SUSPENDED, nothing of the tenant is released, and nothing but
        // reads reached the table (keysReceived fails on any other call)
        for (Reply reply : List.of(read, write)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(extensionsOf(reply)).containsEntry("code", "FORBIDDEN")
                    .containsEntry("reason", "TENANT_SUSPENDED");
            assertThat(reply.firstErrorMessage()).contains("suspended");
            assertThat(reply.body()).doesNotContainKey("data");
            assertThat(reply.rawBody()).doesNotContain("Acme");
        }
        assertThat(api.keysReceived()).containsOnly(MEMBERSHIP_KEY, TENANT_KEY);

        // WHEN the operators resume it THEN the very next request is answered
        api.withTenantStatus(TENANT, TenantStatus.ACTIVE);
        Reply resumed = api.query(ME_AND_TENANT);
        assertThat(resumed.errors()).isEmpty();
        assertThat(resumed.rawBody()).contains("Acme");
    }

    @Test
    void query_isForbiddenWithoutData_whenCallerHasNoMembershipInTheTokensTenant() {
        // GIVEN tenant t1 without a record for u-1 (u-1 is a member of t12 only)
        MockedTableApi api = new MockedTableApi().withTenant(TENANT, "Acme", Plan.TEAM)
                .withMember("t12", USER, Role.ADMIN, UserStatus.ACTIVE);

        // WHEN u-1 queries with a token for t1
        Reply reply = api.query(ME_AND_TENANT);

        // THEN FORBIDDEN, and no data
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(reply.body()).doesNotContainKey("data");
        assertThat(reply.rawBody()).doesNotContain("Acme");
    }

    @Test
    void query_isForbidden_evenWhenTheQueryDoesNotAskForMe() {
        // GIVEN a disabled member
        MockedTableApi api = new MockedTableApi().withTenant(TENANT, "Acme", Plan.TEAM)
                .withMember(TENANT, USER, Role.MEMBER, UserStatus.DISABLED);

        // WHEN it asks only for the tenant, which never touches the membership record in a resolver
        Reply reply = api.query("{ tenant { name } }");

        // THEN the result is still withheld
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(reply.rawBody()).doesNotContain("Acme");
    }

    @Test
    void query_usesTheRoleOfTheMembershipRecord_notTheTokensGroups() {
        // GIVEN a token whose groups hint says ADMIN, and a record that says VIEWER
        MockedTableApi api = new MockedTableApi().withTenant(TENANT, "Acme", Plan.TEAM)
                .withMember(TENANT, USER, Role.VIEWER, UserStatus.ACTIVE);

        // WHEN the user asks for its role
        Reply reply = api.query("{ me { role } }");

        // THEN the record wins
        assertThat(reply.data()).isEqualTo(Map.of("me", Map.of("role", "VIEWER")));
    }

    @Test
    void query_isUnauthenticatedWithoutAnyDynamoDbCall_whenExpHasPassed() {
        // GIVEN an active member whose token expired a second ago (API Gateway may still serve a cached Allow)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        APIGatewayProxyRequestEvent event = MockedTableApi.event("POST", Map.of("Content-Type", "application/json"),
                MockedTableApi.json(Map.of("query", ME_AND_TENANT)),
                MockedTableApi.authorizer(TENANT, USER, NOW.minusSeconds(1)));

        // WHEN the request arrives
        Reply reply = api.send(event);

        // THEN 401 UNAUTHENTICATED, and the table was never touched
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(reply.body()).doesNotContainKey("data");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void query_isUnauthenticated_whenTheAuthorizerContextIsMissing() {
        // GIVEN a request that reached the Lambda without an authorizer context (misconfigured route)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        APIGatewayProxyRequestEvent event = MockedTableApi.event("POST", Map.of("Content-Type", "application/json"),
                MockedTableApi.json(Map.of("query", ME_AND_TENANT)), null);

        // WHEN it is handled
        Reply reply = api.send(event);

        // THEN 401, and no read
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void query_isUnauthenticated_whenTheEventHasNoRequestContextAtAll() {
        // GIVEN an event without requestContext
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        APIGatewayProxyRequestEvent event = MockedTableApi.postQuery(ME_AND_TENANT).withRequestContext(null);

        // WHEN it is handled
        Reply reply = api.send(event);

        // THEN 401, and no read
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void introspection_answers_whenEnabled() {
        // GIVEN the default deployment (introspection on for authenticated callers)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN a member asks for the schema's query type
        Reply reply = api.query("{ __schema { queryType { name } } }");

        // THEN it is described
        assertThat(reply.errors()).isEmpty();
        assertThat(reply.data()).isEqualTo(Map.of("__schema", Map.of("queryType", Map.of("name", "Query"))));
    }

    @Test
    void introspection_refusal_stillAllowsOrdinaryQueries() {
        // GIVEN introspection disabled
        MockedTableApi api = new MockedTableApi(false, QueryLimits.defaults()).withActiveAdmin();

        // WHEN a member sends an ordinary query (the __typename meta field is not introspection of the schema)
        Reply reply = api.query("{ tenant { __typename name } }");

        // THEN it is answered
        assertThat(reply.errors()).isEmpty();
        assertThat(reply.data()).isEqualTo(Map.of("tenant", Map.of("__typename", "Tenant", "name", "Acme")));
    }

    @Test
    void query_isBadUserInput_whenDeeperThanTheDepthLimit() {
        // GIVEN a deployment with a depth limit of 1
        QueryLimits d = QueryLimits.defaults();
        MockedTableApi api = new MockedTableApi(true, new QueryLimits(d.maxQueryChars(), d.maxTokens(), 1,
                d.maxCost(), d.maxAliases(), d.maxBodyBytes())).withActiveAdmin();

        // WHEN a query nests two levels deep
        Reply reply = api.query("{ tenant { name } }");

        // THEN it is refused as the caller's mistake, saying how deep it is against what limit, before any resolver
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).contains("nests fields 2 deep").contains("depth limit of 1");
        assertThat(extensionsOf(reply)).containsEntry("reason", "QUERY_DEPTH")
                .containsEntry("depth", 2).containsEntry("limit", 1);
        assertThat(reply.data()).isNull();
        assertThat(api.keysReceived()).containsOnly(MEMBERSHIP_KEY, TENANT_KEY);
    }

    @Test
    void query_isBadUserInput_whenItsFragmentsNestDeeperThanTheDepthLimit() {
        // GIVEN a deployment with a depth limit of 2
        QueryLimits d = QueryLimits.defaults();
        MockedTableApi api = new MockedTableApi(true, new QueryLimits(d.maxQueryChars(), d.maxTokens(), 2,
                d.maxCost(), d.maxAliases(), d.maxBodyBytes())).withActiveAdmin();

        // WHEN a query nests four fields deep through a fragment and an inline fragment (they add no level)
        Reply reply = api.query("{ ...T } fragment T on Query { tenant { ... on Tenant { invitations {"
                + " pageInfo { hasNextPage } } } } }");

        // THEN it is refused for its depth before any resolver ran
        assertThat(extensionsOf(reply)).containsEntry("reason", "QUERY_DEPTH").containsEntry("depth", 4);
        assertThat(reply.data()).isNull();
        assertThat(api.keysReceived()).containsOnly(MEMBERSHIP_KEY, TENANT_KEY);
    }

    @Test
    void query_isAnswered_whenExactlyAtTheDepthLimit() {
        // GIVEN a deployment with a depth limit of 2
        QueryLimits d = QueryLimits.defaults();
        MockedTableApi api = new MockedTableApi(true, new QueryLimits(d.maxQueryChars(), d.maxTokens(), 2,
                d.maxCost(), d.maxAliases(), d.maxBodyBytes())).withActiveAdmin();

        // WHEN a query nests two levels deep
        Reply reply = api.query("{ tenant { name } }");

        // THEN it runs
        assertThat(reply.errors()).isEmpty();
        assertThat(reply.data()).isEqualTo(Map.of("tenant", Map.of("name", "Acme")));
    }

    @Test
    void query_isBadUserInputWithItsCostAndTheBudget_whenCostlierThanTheBudget() {
        // GIVEN a deployment with a cost budget of 1
        QueryLimits d = QueryLimits.defaults();
        MockedTableApi api = new MockedTableApi(true, new QueryLimits(d.maxQueryChars(), d.maxTokens(), d.maxDepth(), 1,
                d.maxAliases(), d.maxBodyBytes())).withActiveAdmin();

        // WHEN a query reads two objects (me and tenant: cost 2)
        Reply reply = api.query(ME_AND_TENANT);

        // THEN it is refused as the caller's mistake, saying what it costs against what budget, and nothing is read
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).contains("costs 2").contains("budget of 1");
        assertThat(extensionsOf(reply)).containsEntry("reason", "QUERY_COST")
                .containsEntry("cost", 2).containsEntry("budget", 1);
        assertThat(reply.data()).isNull();
        assertThat(api.keysReceived()).containsOnly(MEMBERSHIP_KEY, TENANT_KEY);
    }

    @Test
    void query_isAnswered_whenItCostsExactlyTheBudget() {
        // GIVEN a deployment with a cost budget of 2
        QueryLimits d = QueryLimits.defaults();
        MockedTableApi api = new MockedTableApi(true, new QueryLimits(d.maxQueryChars(), d.maxTokens(), d.maxDepth(), 2,
                d.maxAliases(), d.maxBodyBytes())).withActiveAdmin();

        // WHEN a query costs 2
        Reply reply = api.query(ME_AND_TENANT);

        // THEN it runs
        assertThat(reply.errors()).isEmpty();
    }

    @Test
    void query_isRefusedBeforeAnyRead_whenAPageSizeGivenAsAVariableIsOutOfRange() {
        // GIVEN the default limits
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN a list's page size, passed as a variable, is 1000
        Reply reply = api.send(MockedTableApi.post(MockedTableApi.json(Map.of(
                "query", "query($n: Int) { projects(first: $n) { edges { node { key } } } }",
                "variables", Map.of("n", 1000)))));

        // THEN it is BAD_USER_INPUT on first, and nothing but the membership was read
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(extensionsOf(reply)).containsEntry("field", "first");
        assertThat(reply.data()).isNull();
        assertThat(api.keysReceived()).containsOnly(MEMBERSHIP_KEY, TENANT_KEY);
        assertThat(api.calls("query")).isEmpty();
    }

    @Test
    void query_isInternalWithAMaskedMessage_whenDynamoDbFailsUnexpectedly() {
        // GIVEN a table whose client fails with an unexpected exception that names the table
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        when(api.dynamoDb.batchGetItem(any(BatchGetItemRequest.class)))
                .thenThrow(new IllegalStateException("boom on table secret-table-name"));

        // WHEN a member queries
        Reply reply = api.query(ME_AND_TENANT);

        // THEN INTERNAL "Internal error", with nothing of the failure in the body
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.firstErrorCode()).isEqualTo("INTERNAL");
        assertThat(reply.errors()).allSatisfy(error -> assertThat(error.get("message")).isEqualTo("Internal error"));
        assertThat(reply.rawBody()).doesNotContain("boom", "secret-table-name", "IllegalStateException",
                "java.", "at com.");
        assertThat(reply.body()).doesNotContainKey("data");
    }

    @Test
    void internalErrors_carryTheRequestId_soAReportCanBeMatchedWithTheLog() {
        // GIVEN a read that fails unexpectedly (request-level: the membership cannot be checked), and a tenant item
        // that cannot be mapped (field-level)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        when(api.dynamoDb.batchGetItem(any(BatchGetItemRequest.class))).thenThrow(new IllegalStateException("boom"));
        MockedTableApi fieldApi = new MockedTableApi().withActiveAdmin().withCorruptTenantItem();

        // WHEN requests with API Gateway request id req-123 fail
        Reply requestLevel = api.query(ME_AND_TENANT);
        Reply fieldLevel = fieldApi.query("{ tenant { name } }");

        // THEN every INTERNAL error names the request id (an unexpected failure is masked, and the request id lets an operator find it)
        for (Reply reply : List.of(requestLevel, fieldLevel)) {
            assertThat(reply.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.get("extensions"))
                    .isEqualTo(Map.of("code", "INTERNAL", "requestId", "req-123",
                            "classification", "ExecutionAborted")));
        }
    }

    @Test
    void query_fieldErrorIsInternalAndMasked_whenOnlyTheTenantItemCannotBeRead() {
        // GIVEN an active member, and a tenant item the code cannot map (an unknown plan)
        MockedTableApi api = new MockedTableApi().withActiveAdmin().withCorruptTenantItem();

        // WHEN the member asks for the tenant
        Reply reply = api.query("{ tenant { name } }");

        // THEN the tenant field's error is INTERNAL and masked; the request itself went through
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.firstErrorCode()).isEqualTo("INTERNAL");
        assertThat(reply.firstErrorMessage()).isEqualTo("Internal error");
        assertThat(reply.firstError().get("path")).isEqualTo(List.of("tenant"));
        assertThat(reply.rawBody()).doesNotContain("BOGUS", "IllegalArgumentException");
    }

    @Test
    void query_isRateLimited_whenDynamoDbThrottles() {
        // GIVEN a table that throttles every read
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        ProvisionedThroughputExceededException throttled = ProvisionedThroughputExceededException.builder()
                .message("Rate exceeded for table secret-table-name").statusCode(400).build();
        when(api.dynamoDb.batchGetItem(any(BatchGetItemRequest.class))).thenThrow(throttled);

        // WHEN a member queries
        Reply reply = api.query(ME_AND_TENANT);

        // THEN RATE_LIMITED, without the SDK's message
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.firstErrorCode()).isEqualTo("RATE_LIMITED");
        assertThat(reply.rawBody()).doesNotContain("secret-table-name", "ProvisionedThroughput");
    }

    @Test
    void query_isUnavailable_whenDynamoDbCannotBeReached() {
        // GIVEN a client that cannot reach DynamoDB
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        SdkClientException unreachable = SdkClientException.create("Unable to execute HTTP request: "
                + "dynamodb.us-east-1.amazonaws.com secret-table-name");
        when(api.dynamoDb.batchGetItem(any(BatchGetItemRequest.class))).thenThrow(unreachable);

        // WHEN a member queries
        Reply reply = api.query(ME_AND_TENANT);

        // THEN UNAVAILABLE, without the SDK's message
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAVAILABLE");
        assertThat(reply.rawBody()).doesNotContain("secret-table-name", "amazonaws", "SdkClientException");
    }

    @Test
    void query_isBadUserInput_whenItUsesMoreAliasesThanAllowed() {
        // GIVEN the default limits (30 aliases)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            query.append(" a").append(i).append(": __typename");
        }

        // WHEN a query uses 31 aliases
        Reply reply = api.query(query.append(" }").toString());

        // THEN it is refused naming the limit and the offending field, and the table holds no tenant read
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).contains("31 aliases").contains("30");
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) reply.firstError().get("extensions");
        assertThat(extensions).containsEntry("field", "query");
        assertThat(api.keysReceived()).containsOnly(MEMBERSHIP_KEY, TENANT_KEY);
    }

    @Test
    void query_isAnswered_whenItUsesExactlyTheAllowedNumberOfAliases() {
        // GIVEN the default limits (30 aliases)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            query.append(" a").append(i).append(": __typename");
        }

        // WHEN a query uses 30
        Reply reply = api.query(query.append(" }").toString());

        // THEN it runs
        assertThat(reply.errors()).isEmpty();
        assertThat(reply.data()).hasSize(30);
    }

    @Test
    void introspection_isRefusedAsBadInput_whenDisabledForTheDeployment() {
        // GIVEN a deployment with INTROSPECTION_ENABLED=false
        AppConfig config = AppConfig.fromEnvironment(Map.of("TABLE_NAME", TABLE, "INTROSPECTION_ENABLED", "false"));
        MockedTableApi api = new MockedTableApi(config.introspectionEnabled(), config.limits()).withActiveAdmin();

        // WHEN a member asks for the schema
        Reply reply = api.query("{ __schema { queryType { name } } }");

        // THEN it is refused with a caller-facing error, not an INTERNAL one, and nothing is described
        assertThat(config.introspectionEnabled()).isFalse();
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).containsIgnoringCase("introspection");
        assertThat(reply.rawBody()).doesNotContain("\"Query\"");
    }

    @Test
    void introspection_isBadUserInput_whenNotAskedInGoodFaith() {
        // GIVEN the default deployment
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN an introspection-only query asks for __schema twice (graphql-java's good-faith rule)
        Reply reply = api.query("{ a: __schema { queryType { name } } b: __schema { queryType { name } } }");

        // THEN it is refused as the caller's mistake with graphql-java's explanation, not masked as INTERNAL
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).contains("good faith");
        assertThat(reply.data()).isNull();
    }

    @Test
    void introspection_answersGraphiQlsFullIntrospectionQuery_withDefaultLimits() {
        // GIVEN the default deployment and limits
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN GraphiQL loads its docs with the full introspection query (TypeRef nests ofType seven levels deep)
        Reply reply = api.query(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);

        // THEN the schema is described: exploring the API in GraphiQL is a use case
        assertThat(reply.errors()).isEmpty();
        assertThat(reply.rawBody()).contains("\"queryType\":{\"name\":\"Query\"}");
    }

    @Test
    void query_isBadUserInput_whenAQueryMixesIntrospectionWithDataAndIsTooDeep() {
        // GIVEN the default limits (depth 15)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN a query reads data and nests introspection 17 levels deep beside it
        Reply reply = api.query("{ tenant { name } __schema { types { fields { type " + "{ ofType ".repeat(12)
                + "{ name }" + " }".repeat(12) + " } } } }");

        // THEN the depth limit applies: only introspection-only operations are left to graphql-java's own bounds
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(extensionsOf(reply)).containsEntry("reason", "QUERY_DEPTH").containsEntry("depth", 17)
                .containsEntry("limit", 15);
        assertThat(reply.rawBody()).doesNotContain("Acme");
    }

    @Test
    void introspection_isStillBounded_whenAnIntrospectionOnlyQueryNestsBeyondGoodFaith() {
        // GIVEN the default deployment
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(25) + "{ name }" + " }".repeat(25)
                + " } } } }";

        // WHEN an introspection-only query nests 30 levels deep (GraphiQL's needs 13)
        Reply reply = api.query(deep);

        // THEN graphql-java's good-faith bounds refuse it as the caller's mistake
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).contains("good faith");
        assertThat(reply.data()).isNull();
    }

    @Test
    void query_isBadUserInput_whenItHasMoreTokensThanMaxQueryTokens() {
        // GIVEN the default limits (MAX_QUERY_TOKENS 4000, MAX_QUERY_CHARS 16384)
        MockedTableApi api = new MockedTableApi().withActiveAdmin();
        String query = "{" + " a".repeat(4_500) + " }";
        assertThat(query.length()).isLessThan(QueryLimits.defaults().maxQueryChars());

        // WHEN a query of about 4500 tokens, within the character limit, is sent
        Reply reply = api.query(query);

        // THEN parsing stops at the configured token limit (not graphql-java's default of 15000)
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).containsPattern("4\\D?000 'grammar' tokens");
        assertThat(reply.data()).isNull();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensionsOf(Reply reply) {
        return (Map<String, Object>) reply.firstError().get("extensions");
    }
}
