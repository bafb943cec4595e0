package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import java.util.Optional;

/**
 * The Cognito user pool as the server uses it: the admin API only, on one pool, and {@code custom:tenantId} written
 * only here. Every method fails with a {@link CognitoException}, never an SDK exception. Groups are named after the
 * roles; they are a hint in the token, the membership record's role is authoritative.
 */
public interface UserDirectory {
    /** The pool this directory administers (trigger events from any other pool are ignored). */
    String userPoolId();

    /**
     * Creates a user who signs in with a temporary password (Cognito emails it), with {@code custom:tenantId} set and
     * the email verified. Fails with {@link CognitoException.UsernameTakenException} when the email has an account.
     */
    CognitoUser createUser(String email, String name, TenantId tenant);

    Optional<CognitoUser> find(String username);

    void setTenant(String username, TenantId tenant);

    void addToGroup(String username, Role role);

    void removeFromGroup(String username, Role role);

    void disable(String username);

    void enable(String username);

    /** Deletes the user; a user that does not exist counts as deleted. */
    void delete(String username);
}
