package com.tenantgraph.triggers;

import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Which user pool a trigger event may act on. Deployed, the trigger functions cannot be told their pool's id (the
 * pool names the functions in its LambdaConfig, so a function naming the pool would be a circular dependency): they
 * act on the pool that invoked them, which only that pool can do (the Lambda permission's SourceArn). Locally and in
 * tests the pool is known, and events of any other pool are ignored.
 */
@FunctionalInterface
public interface UserDirectories {
    /** The directory of {@code userPoolId}, or empty when events of that pool are to be ignored. */
    Optional<UserDirectory> forPool(String userPoolId);

    /** Only {@code directory}'s own pool. */
    static UserDirectories only(UserDirectory directory) {
        return pool -> directory.userPoolId().equals(pool) ? Optional.of(directory) : Optional.empty();
    }

    /** The pool that invoked the function (deployed; the Lambda permission admits only the stack's pool). */
    static UserDirectories invokingPool(CognitoIdentityProviderClient client) {
        return pool -> pool == null || pool.isBlank() ? Optional.empty()
                : Optional.of(new CognitoUserDirectory(client, pool));
    }
}
