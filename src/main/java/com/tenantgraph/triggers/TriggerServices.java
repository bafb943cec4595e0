package com.tenantgraph.triggers;

import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The composition root of the trigger functions: built once per container from the environment (TABLE_NAME,
 * AWS_REGION; USER_POOL_ID optionally (see {@link UserDirectories}); DYNAMODB_ENDPOINT and COGNITO_ENDPOINT for the
 * local stack only), with the clients of {@link AwsClients}. Cognito waits about 5 s for a trigger, so every call has a
 * short per-attempt timeout and at most two attempts ({@link AwsClients.Timeouts#TRIGGER}): a slow dependency fails the
 * trigger (which Cognito reports, and a retry repairs) instead of running past Cognito's deadline.
 */
final class TriggerServices {
    private TriggerServices() {
    }

    /** One per container, built on first use by a handler's no-argument constructor. */
    static Onboarding onboarding() {
        return Holder.ONBOARDING;
    }

    private static final class Holder {
        static final Onboarding ONBOARDING = fromEnvironment(System.getenv());
    }

    static Onboarding fromEnvironment(Map<String, String> env) {
        String tableName = env.get("TABLE_NAME");
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("TABLE_NAME is required");
        }
        Table table = new Table(AwsClients.dynamoDb(AwsClients.Settings.fromEnvironment(env, "DYNAMODB_ENDPOINT",
                AwsClients.Timeouts.TRIGGER)), tableName.trim());
        CognitoIdentityProviderClient cognito = AwsClients.cognito(AwsClients.Settings.fromEnvironment(env,
                "COGNITO_ENDPOINT", AwsClients.Timeouts.TRIGGER));
        String poolId = env.get("USER_POOL_ID");
        UserDirectories directories = poolId == null || poolId.isBlank() ? UserDirectories.invokingPool(cognito)
                : UserDirectories.only(new CognitoUserDirectory(cognito, poolId.trim()));
        return new Onboarding(new TenantProvisioning(table), new UserRepository(table), new UserWrites(table),
                directories, Clock.systemUTC());
    }
}
