package com.tenantgraph.cognito;

/**
 * What the server needs to know of a Cognito user: its username, its {@code sub} (the user id everywhere else), the
 * server-written {@code custom:tenantId} (null when it has none) and whether Cognito lets it sign in.
 */
public record CognitoUser(String username, String sub, String tenantId, boolean enabled) {
}
