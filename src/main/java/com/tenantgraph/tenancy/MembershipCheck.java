package com.tenantgraph.tenancy;

import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The revocation mechanism: on every request, the caller's user record in the token's tenant is read with a consistent
 * read; it must exist and not be DISABLED or REMOVED, and its role is the one that counts. A Cognito token stays valid
 * until {@code exp} after a disable or sign-out; this check makes the change effective on the very next request.
 * It starts at once and runs beside the query's own reads, so it adds no sequential round trip to a query; writes
 * wait for it before changing anything.
 */
public final class MembershipCheck {
    private final UserRepository users;
    private final Executor executor;

    public MembershipCheck(UserRepository users, Executor executor) {
        this.users = users;
        this.executor = executor;
    }

    /** Completes with the active membership, or exceptionally with FORBIDDEN. */
    public CompletableFuture<UserItem> start(Caller caller) {
        return CompletableFuture.supplyAsync(() -> verify(caller), executor);
    }

    private UserItem verify(Caller caller) {
        UserItem member = users.find(caller.tenant(), caller.user())
                .orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN, "You are not a member of this workspace"));
        if (!member.status().mayAccess()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Your membership of this workspace is "
                    + member.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return member;
    }
}
