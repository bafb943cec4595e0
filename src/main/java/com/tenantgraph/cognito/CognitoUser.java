package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.UserId;

/**
 * What the server needs to know of a Cognito user: its {@code sub} (the user id everywhere else, and the address of
 * every admin call), the server-written {@code custom:tenantId} (null when it has none), whether Cognito lets it sign
 * in, and its Cognito status.
 */
public record CognitoUser(String sub, String tenantId, boolean enabled, String status) {
    public UserId id() {
        return UserId.of(sub);
    }
}
