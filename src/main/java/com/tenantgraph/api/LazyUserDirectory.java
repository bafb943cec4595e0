package com.tenantgraph.api;

import com.tenantgraph.cognito.CognitoUser;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.function.Supplier;

/**
 * The Cognito user pool, connected on first use. Only the user administration mutations call the pool, so a container
 * that serves reads never builds the Cognito client: at init that client cost about 170 classes and 17 MiB of peak
 * memory (docs/benchmarks.md). The first call that needs the pool builds it, once, whichever thread gets there first;
 * later calls read one volatile field. The pool id needs no client. Under SnapStart, {@link #connect} runs before
 * the snapshot, so a restored container has the client already.
 */
final class LazyUserDirectory implements UserDirectory {
    private final String userPoolId;
    private final Supplier<UserDirectory> connect;
    private volatile UserDirectory directory;

    LazyUserDirectory(String userPoolId, Supplier<UserDirectory> connect) {
        this.userPoolId = userPoolId;
        this.connect = connect;
    }

    /** The connected directory, built by the first caller. */
    UserDirectory connect() {
        UserDirectory connected = directory;
        if (connected == null) {
            synchronized (this) {
                connected = directory;
                if (connected == null) {
                    connected = connect.get();
                    directory = connected;
                }
            }
        }
        return connected;
    }

    boolean connected() {
        return directory != null;
    }

    @Override
    public String userPoolId() {
        return userPoolId;
    }

    @Override
    public CognitoUser createUser(String email, String name, TenantId tenant) {
        return connect().createUser(email, name, tenant);
    }

    @Override
    public void clearInvitation(UserId user) {
        connect().clearInvitation(user);
    }

    @Override
    public void setTenant(UserId user, TenantId tenant) {
        connect().setTenant(user, tenant);
    }

    @Override
    public void addToGroup(UserId user, Role role) {
        connect().addToGroup(user, role);
    }

    @Override
    public void removeFromGroup(UserId user, Role role) {
        connect().removeFromGroup(user, role);
    }

    @Override
    public void disable(UserId user) {
        connect().disable(user);
    }

    @Override
    public void enable(UserId user) {
        connect().enable(user);
    }

    @Override
    public void delete(UserId user) {
        connect().delete(user);
    }
}
