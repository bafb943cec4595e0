package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.UserId;

/**
 * What the server needs to know of a Cognito user: its {@code sub} (the user id everywhere else, and the address of
 * every admin call), the server-written {@code custom:tenantId} (null when it has none), whether Cognito lets it sign
 * in, and its status ({@code FORCE_CHANGE_PASSWORD}: created by the admin API and never signed in).
 */
public record CognitoUser(String sub, String tenantId, boolean enabled, String status) {
    /** The status of an account made by AdminCreateUser whose temporary password was never used. */
    public static final String NEVER_SIGNED_IN = "FORCE_CHANGE_PASSWORD";

    public UserId id() {
        return UserId.of(sub);
    }
}
