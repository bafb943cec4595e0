package com.tenantgraph.pipeline;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.tenancy.Caller;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The revocation mechanism: on every request, the caller's user record in the token's tenant is read with a consistent
 * read; it must exist and not be DISABLED or REMOVED, and its role is the one that counts. A Cognito token stays valid
 * until {@code exp} after a disable or sign-out; this check makes the change effective on the very next request.
 *
 * <p>The record is read through the request's item loader, so it travels in the same consistent BatchGetItem as the
 * first level's own reads: the check costs no extra round trip at all, let alone a sequential one. Writes wait for
 * it (see {@code Guard}) before changing anything; a query's result is released only once it has passed.
 */
public final class MembershipCheck {
    private MembershipCheck() {
    }

    /** Completes with the active membership, or exceptionally with FORBIDDEN, once the loader is dispatched. */
    public static CompletableFuture<UserItem> start(Caller caller, DataLoader<TableKey, Map<String, AttributeValue>> items) {
        return items.load(Keys.user(caller.tenant(), caller.user()))
                .thenApply(item -> verify(UserItem.MODEL.fromItem(item).orElse(null)));
    }

    private static UserItem verify(UserItem member) {
        if (member == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You are not a member of this workspace");
        }
        if (!member.status().mayAccess()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Your membership of this workspace is "
                    + member.status().name().toLowerCase(Locale.ROOT));
        }
        return member;
    }
}
