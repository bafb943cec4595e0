package com.tenantgraph.local;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.local.lambda.LocalLambdaEndpoint;
import com.tenantgraph.triggers.Onboarding;
import com.tenantgraph.triggers.UserDirectories;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import com.tenantgraph.triggers.PostConfirmationHandler;
import com.tenantgraph.triggers.PreSignUpHandler;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Cognito trigger functions of the local stack: the real handlers of the GraphQL module, registered on the local
 * Lambda Invoke endpoint under the names cognito-local is configured to call (as template.yaml wires the pool's
 * LambdaConfig to the deployed functions), over clients of their own with the deployed triggers' deadlines.
 */
public final class TriggerFunctions {
    public static final String PRE_SIGN_UP = "tenantgraph-pre-sign-up";
    public static final String POST_CONFIRMATION = "tenantgraph-post-confirmation";
    public static final String POST_AUTHENTICATION = "tenantgraph-post-authentication";

    /** cognito-local's TriggerFunctions: trigger to function name. */
    public static final Map<String, String> NAMES = Map.of(
            "PreSignUp", PRE_SIGN_UP,
            "PostConfirmation", POST_CONFIRMATION,
            "PostAuthentication", POST_AUTHENTICATION);

    private TriggerFunctions() {
    }

    /**
     * The trigger functions' own AWS clients, built as the deployed triggers build theirs ({@code TriggerServices}:
     * {@link AwsClients} with {@link AwsClients.Timeouts#TRIGGER}, 1.5 s per attempt, 2.5 s per call, two attempts),
     * so that a slow dependency fails a local trigger inside Cognito's wait and template.yaml's 5 s Timeout, as it
     * does deployed, instead of with the GraphQL function's or the setup's longer timeouts.
     */
    public record Clients(DynamoDbClient dynamoDb, CognitoIdentityProviderClient cognito) implements AutoCloseable {
        public static Clients of(URI dynamoDbEndpoint, URI cognitoEndpoint, String region) {
            AwsClients.Timeouts deadlines = AwsClients.Timeouts.TRIGGER;
            return new Clients(AwsClients.dynamoDb(AwsClients.Settings.local(dynamoDbEndpoint, region, deadlines)),
                    AwsClients.cognito(AwsClients.Settings.local(cognitoEndpoint, region, deadlines)));
        }

        @Override
        public void close() {
            dynamoDb.close();
            cognito.close();
        }
    }

    /** Registers the three handlers over {@code clients}, on the local table and the pool. */
    public static Onboarding register(LocalLambdaEndpoint lambda, Clients clients, String tableName, String poolId) {
        Table table = new Table(clients.dynamoDb(), tableName);
        Onboarding onboarding = new Onboarding(new TenantProvisioning(table), new UserRepository(table),
                new UserWrites(table), UserDirectories.only(new CognitoUserDirectory(clients.cognito(), poolId)),
                Clock.systemUTC());
        lambda.register(PRE_SIGN_UP, CognitoUserPoolPreSignUpEvent.class, new PreSignUpHandler());
        lambda.register(POST_CONFIRMATION, CognitoUserPoolPostConfirmationEvent.class,
                new PostConfirmationHandler(onboarding));
        lambda.register(POST_AUTHENTICATION, CognitoUserPoolPostAuthenticationEvent.class,
                new PostAuthenticationHandler(onboarding));
        return onboarding;
    }
}
