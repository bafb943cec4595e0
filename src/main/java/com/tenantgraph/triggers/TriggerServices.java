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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root of the trigger functions, and the only way to build them: from an environment (TABLE_NAME,
 * AWS_REGION; USER_POOL_ID optionally (see {@link UserDirectories}); DYNAMODB_ENDPOINT and COGNITO_ENDPOINT for the
 * local stack only), with the clients of {@link AwsClients}. Deployed, the handlers' no-argument constructors build
 * one per container from the process environment; the local stack builds one from a map naming its emulators, so
 * its triggers run with the deployed clients. Cognito waits about 5 s for a trigger, so every call has a short
 * per-attempt timeout and at most two attempts ({@link AwsClients.Timeouts#TRIGGER}): a slow dependency fails the
 * trigger (which Cognito reports, and a retry repairs) instead of running past Cognito's deadline.
 * {@link #close()} closes the clients (the local stack's stop; a container's are never closed).
 */
public final class TriggerServices implements AutoCloseable {
    private final DynamoDbClient dynamoDb;
    private final CognitoIdentityProviderClient cognito;
    private final Onboarding onboarding;

    private TriggerServices(DynamoDbClient dynamoDb, CognitoIdentityProviderClient cognito, Onboarding onboarding) {
        this.dynamoDb = dynamoDb;
        this.cognito = cognito;
        this.onboarding = onboarding;
    }

    /** This container's, built on first use by a handler's no-argument constructor from the process environment. */
    static TriggerServices container() {
        return Holder.SERVICES;
    }

    private static final class Holder {
        static final TriggerServices SERVICES = fromEnvironment(System.getenv());
    }

    /** Builds the clients and the services from {@code env}; a missing TABLE_NAME or a bad endpoint is refused. */
    public static TriggerServices fromEnvironment(Map<String, String> env) {
        String tableName = env.get("TABLE_NAME");
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("TABLE_NAME is required");
        }
        // both settings first: a bad endpoint is refused before any client exists
        AwsClients.Settings dynamoDbSettings = AwsClients.Settings.fromEnvironment(env, "DYNAMODB_ENDPOINT",
                AwsClients.Timeouts.TRIGGER);
        AwsClients.Settings cognitoSettings = AwsClients.Settings.fromEnvironment(env, "COGNITO_ENDPOINT",
                AwsClients.Timeouts.TRIGGER);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(dynamoDbSettings);
        CognitoIdentityProviderClient cognito = AwsClients.cognito(cognitoSettings);
        Table table = new Table(dynamoDb, tableName.trim());
        String poolId = env.get("USER_POOL_ID");
        UserDirectories directories = poolId == null || poolId.isBlank() ? UserDirectories.invokingPool(cognito)
                : UserDirectories.only(new CognitoUserDirectory(cognito, poolId.trim()));
        return new TriggerServices(dynamoDb, cognito, new Onboarding(new TenantProvisioning(table),
                new UserRepository(table), new UserWrites(table), directories, Clock.systemUTC()));
    }

    /** What the three handlers share. */
    public Onboarding onboarding() {
        return onboarding;
    }

    @Override
    public void close() {
        dynamoDb.close();
        cognito.close();
    }
}
