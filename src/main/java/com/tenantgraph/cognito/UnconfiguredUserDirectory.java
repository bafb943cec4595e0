package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import java.util.Optional;

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
    public Optional<CognitoUser> find(String username) {
        throw unavailable();
    }

    @Override
    public void setTenant(String username, TenantId tenant) {
        throw unavailable();
    }

    @Override
    public void addToGroup(String username, Role role) {
        throw unavailable();
    }

    @Override
    public void removeFromGroup(String username, Role role) {
        throw unavailable();
    }

    @Override
    public void disable(String username) {
        throw unavailable();
    }

    @Override
    public void enable(String username) {
        throw unavailable();
    }

    @Override
    public void delete(String username) {
        throw unavailable();
    }

    private static CognitoException unavailable() {
        return new CognitoException.CognitoUnavailableException("user administration is not configured (USER_POOL_ID)",
                null);
    }
}
