package com.tenantgraph.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.admin.AcceptCode;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.local.data.TcpProxy;
import com.tenantgraph.local.emulator.CognitoLocal;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.lambda.LocalLambdaEndpoint;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import com.tenantgraph.triggers.TriggerServices;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * The local stack's trigger functions run with the deployed triggers' clients ({@code AwsClients.Timeouts.TRIGGER}:
 * attempts of 1.5 s, two at most), so a slow DynamoDB fails a sign-up inside Cognito's 5 s locally as it does
 * deployed. The pieces are the stack's own: {@link TriggerFunctions} registered on the local Lambda Invoke endpoint
 * from an environment map (DYNAMODB_ENDPOINT a {@link TcpProxy} in front of moto), and cognito-local calling PreSignUp
 * through that endpoint for a real SignUp with an invitation's accept code (one GetItem). The proxy holds each
 * connection longer than a trigger's attempt and shorter than the GraphQL function's (3 s): with the trigger's
 * timeouts the sign-up is refused after exactly two attempts, each on its own connection; with the GraphQL
 * function's (the local stack's triggers had them before) the one attempt would wait the delay out and admit it.
 * The control admits the same sign-up through the same pieces when nothing is slow.
 */
@ExtendWith(SharedMoto.class)
class TriggerFunctionsIT {
    private static final String REGION = "us-east-1";
    /** Longer than a trigger's attempt timeout, shorter than the GraphQL function's: what tells them apart. */
    private static final Duration SLOWER_THAN_A_TRIGGER_ATTEMPT = AwsClients.Timeouts.TRIGGER.attempt()
            .plus(AwsClients.Timeouts.GRAPHQL.attempt()).dividedBy(2);

    @TempDir
    Path cognitoData;

    /** A new table per resolution: the one {@link #start} was given, which the triggers use. */
    private Table table;
    private TcpProxy slowDynamoDb;
    private LocalLambdaEndpoint lambda;
    private TriggerServices triggers;
    private CognitoLocal cognitoLocal;
    private CognitoIdentityProviderClient cognito;
    private String poolId;
    private String clientId;

    @BeforeEach
    void start(Table table) {
        this.table = table;
        URI moto = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        slowDynamoDb = TcpProxy.to(moto);
        lambda = LocalLambdaEndpoint.start(0);
        cognitoLocal = CognitoLocal.start(Ports.free(), cognitoData, lambda.endpoint(), TriggerFunctions.NAMES, null);
        cognito = SdkClients.cognito(cognitoLocal.endpoint(), REGION);
        poolId = cognito.createUserPool(pool -> pool.poolName("triggers")).userPool().id();
        clientId = cognito.createUserPoolClient(app -> app.userPoolId(poolId).clientName("web"))
                .userPoolClient().clientId();
        triggers = TriggerFunctions.register(lambda, Map.of(
                "TABLE_NAME", table.name(),
                "AWS_REGION", REGION,
                "USER_POOL_ID", poolId,
                "DYNAMODB_ENDPOINT", slowDynamoDb.endpoint().toString(),
                "COGNITO_ENDPOINT", cognitoLocal.endpoint().toString()));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable started : new AutoCloseable[] {cognito, cognitoLocal, triggers, lambda, slowDynamoDb}) {
            try {
                if (started != null) {
                    started.close();
                }
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    @Test
    void aSignUp_whileDynamoDbIsSlowerThanATriggerAttempt_isRefusedAfterTheTriggersTwoAttempts() {
        // GIVEN a pending invitation, and DynamoDB answering the trigger later than one attempt may wait
        String email = "slow-" + UUID.randomUUID() + "@example.test";
        AcceptCode code = pendingInvitation(email);
        slowDynamoDb.delay(SLOWER_THAN_A_TRIGGER_ATTEMPT);

        // WHEN the invitee signs up with its code (PreSignUp reads the invitation)
        // THEN the trigger fails with the data layer's error, after the trigger's two attempts, and no user exists
        assertThatThrownBy(() -> signUp(email, code))
                .isInstanceOf(UserLambdaValidationException.class)
                .hasMessageContaining("GetInvitation: database unavailable");
        assertThat(slowDynamoDb.connections()).as("one connection per attempt")
                .isEqualTo(AwsClients.Timeouts.TRIGGER.maxAttempts());
        assertThatThrownBy(() -> cognito.adminGetUser(get -> get.userPoolId(poolId).username(email)))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void theSameSignUp_whileDynamoDbAnswersAtOnce_isAdmitted() {
        // GIVEN a pending invitation, and DynamoDB answering at once
        String email = "prompt-" + UUID.randomUUID() + "@example.test";
        AcceptCode code = pendingInvitation(email);

        // WHEN the invitee signs up with its code
        signUp(email, code);

        // THEN PreSignUp admitted it with one call: the account exists, unconfirmed
        assertThat(slowDynamoDb.connections()).isEqualTo(1);
        assertThat(cognito.adminGetUser(get -> get.userPoolId(poolId).username(email)).userStatusAsString())
                .isEqualTo("UNCONFIRMED");
    }

    private void signUp(String email, AcceptCode code) {
        cognito.signUp(signUp -> signUp.clientId(clientId).username(email).password("Invitee-Passw0rd!")
                .userAttributes(attribute("email", email), attribute("custom:invitation", code.value())));
    }

    /** A tenant with its ADMIN, and that ADMIN's pending invitation of {@code email}, written straight to moto. */
    private AcceptCode pendingInvitation(String email) {
        TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        UserId admin = UserId.of(UUID.randomUUID().toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        new TenantProvisioning(table).createTenantWithAdminIdempotently(
                TenantItem.builder().tenantId(tenant).name("Slow Ltd").plan(Plan.FREE).createdAt(now).build(),
                UserItem.builder().tenantId(tenant).userId(admin).email("admin-" + email).name("Admin")
                        .role(Role.ADMIN).status(UserStatus.ACTIVE).createdAt(now).build());
        AcceptCode code = AcceptCode.issue(tenant);
        new UserWrites(table).issueInvitation(new InvitationItem(tenant, email, "Invitee", Role.MEMBER, admin,
                code.secretHash(), now, now, 1, now.plus(Duration.ofDays(1)).getEpochSecond()));
        return code;
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
