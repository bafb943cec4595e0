package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;

/**
 * The Cognito user pool as the server uses it: the admin API only, on one pool, and {@code custom:tenantId} written
 * only here. Every method fails with a {@link CognitoException}, never an SDK exception. Groups are named after the
 * roles; they are a hint in the token, the membership record's role is authoritative.
 *
 * <p>Users are addressed by their immutable {@code sub} (the user id of the membership record), never by the email:
 * a person can change their email, and an email can name another account than the one the record is about.
 * Cognito's admin API accepts the sub wherever it takes a username (with email as the username attribute, the
 * username is the sub). A user that does not exist is {@link CognitoException.UserNotFoundException}: for a user the
 * record says exists, an inconsistency the caller reports, never a success.
 */
public interface UserDirectory {
    /** The pool this directory administers (trigger events from any other pool are ignored). */
    String userPoolId();

    /**
     * Creates a user who signs in with a temporary password (Cognito emails it), with {@code custom:tenantId} set and
     * the email verified: the operator's bootstrap of a tenant's first ADMIN only (invitations create no account).
     * Fails with {@link CognitoException.UsernameTakenException} when the email has an account.
     */
    CognitoUser createUser(String email, String name, TenantId tenant);

    void setTenant(UserId user, TenantId tenant);

    /**
     * Deletes the account's {@code custom:invitation} (the accept code it signed up with), the last step of binding an
     * invitee: while it is there, the binding is unfinished and the next sign-in completes it.
     */
    void clearInvitation(UserId user);

    void addToGroup(UserId user, Role role);

    void removeFromGroup(UserId user, Role role);

    void disable(UserId user);

    void enable(UserId user);

    void delete(UserId user);
}
