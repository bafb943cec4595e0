package com.tenantgraph.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
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
 * The person is told, through real cognito-local, to try again in a moment, with a reference that finds the log
 * line holding the real cause; nothing of the data layer reaches them. The control admits the same sign-up through
 * the same pieces when nothing is slow, and logs no failure.
 */
@ExtendWith(SharedMoto.class)
class TriggerFunctionsIT {
    private static final String REGION = "us-east-1";
    /** Longer than a trigger's attempt timeout, shorter than the GraphQL function's: what tells them apart. */
    private static final Duration SLOWER_THAN_A_TRIGGER_ATTEMPT = AwsClients.Timeouts.TRIGGER.attempt()
            .plus(AwsClients.Timeouts.GRAPHQL.attempt()).dividedBy(2);

    /**
     * What cognito-local answers when PreSignUp fails unexpectedly: the function's name (Cognito says "PreSignUp"),
     * then the trigger's own message with its reference, the Lambda request id.
     */
    private static final Pattern FRIENDLY_REFUSAL = Pattern.compile(Pattern.quote(TriggerFunctions.PRE_SIGN_UP)
            + " failed with error Sign-up is temporarily unavailable; please try again in a moment \\(reference"
            + " ([0-9a-f-]{36})\\)\\.");

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
    /** The trigger functions run in this JVM: their failure lines, as logged. */
    private final ListAppender<ILoggingEvent> triggerLog = new ListAppender<>();
    private final Logger triggerFailures = (Logger) LoggerFactory.getLogger("com.tenantgraph.triggers.TriggerFailures");

    @BeforeEach
    void start(Table table) {
        triggerLog.start();
        triggerFailures.addAppender(triggerLog);
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
        triggerFailures.detachAppender(triggerLog);
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
    void aSignUp_whileDynamoDbIsSlowerThanATriggerAttempt_isRefusedAfterTheTriggersTwoAttempts_withAMessageForThePerson() {
        // GIVEN a pending invitation, and DynamoDB answering the trigger later than one attempt may wait
        String email = "slow-" + UUID.randomUUID() + "@example.test";
        AcceptCode code = pendingInvitation(email);
        slowDynamoDb.delay(SLOWER_THAN_A_TRIGGER_ATTEMPT);

        // WHEN the invitee signs up with its code (PreSignUp reads the invitation)
        Throwable refused = catchThrowable(() -> signUp(email, code));

        // THEN the sign-up is refused after the trigger's two attempts, and no user exists
        assertThat(refused).isInstanceOf(UserLambdaValidationException.class);
        assertThat(slowDynamoDb.connections()).as("one connection per attempt")
                .isEqualTo(AwsClients.Timeouts.TRIGGER.maxAttempts());
        assertThatThrownBy(() -> cognito.adminGetUser(get -> get.userPoolId(poolId).username(email)))
                .isInstanceOf(UserNotFoundException.class);
        // AND the person is told to try again, with a reference, and nothing of the data layer
        String told = ((UserLambdaValidationException) refused).awsErrorDetails().errorMessage();
        Matcher reference = FRIENDLY_REFUSAL.matcher(told);
        assertThat(reference.matches()).as("the message the client sees: " + told).isTrue();
        assertThat(told).doesNotContain("GetInvitation").doesNotContain("database").doesNotContain(table.name())
                .doesNotContain("Exception").doesNotContain("com.tenantgraph");
        // AND the reference finds the one log line of that invocation, which has the real cause
        assertThat(triggerLog.list).filteredOn(line -> reference.group(1).equals(keyValue(line, "requestId")))
                .singleElement().satisfies(line -> {
                    assertThat(keyValue(line, "trigger")).isEqualTo("PreSignUp");
                    assertThat(keyValue(line, "userPoolId")).isEqualTo(poolId);
                    assertThat(line.getThrowableProxy().getMessage()).isEqualTo("GetInvitation: database unavailable");
                });
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
        assertThat(triggerLog.list).as("trigger failures logged").isEmpty();
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

    private static Object keyValue(ILoggingEvent line, String key) {
        return line.getKeyValuePairs() == null ? null : line.getKeyValuePairs().stream()
                .filter(pair -> pair.key.equals(key)).map(pair -> pair.value).findFirst().orElse(null);
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
