package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;

/**
 * The directory of a deployment without USER_POOL_ID: reads still work, and every user administration call fails
 * with UNAVAILABLE instead of half-changing anything.
 */
public final class UnconfiguredUserDirectory implements UserDirectory {
    @Override
    public String userPoolId() {
        return "";
    }

    @Override
    public CognitoUser createUser(String email, String name, TenantId tenant) {
        throw unavailable();
    }

    @Override
    public void clearInvitation(UserId user) {
        throw unavailable();
    }

    @Override
    public void setTenant(UserId user, TenantId tenant) {
        throw unavailable();
    }

    @Override
    public void addToGroup(UserId user, Role role) {
        throw unavailable();
    }

    @Override
    public void removeFromGroup(UserId user, Role role) {
        throw unavailable();
    }

    @Override
    public void disable(UserId user) {
        throw unavailable();
    }

    @Override
    public void enable(UserId user) {
        throw unavailable();
    }

    @Override
    public void delete(UserId user) {
        throw unavailable();
    }

    private static CognitoException unavailable() {
        return new CognitoException.CognitoUnavailableException("user administration is not configured (USER_POOL_ID)",
                null);
    }
}
