package com.tenantgraph.pipeline;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.TenantStatus;
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
 * The tenant item is read beside it, and a tenant whose status is not ACTIVE (SUSPENDED by the operators) refuses
 * every member, ADMINs included, with FORBIDDEN and {@code reason: TENANT_SUSPENDED}, from the next request on.
 *
 * <p>Both items are read through the request's item loader, so they travel in the same consistent BatchGetItem as the
 * first level's own reads: the check costs no extra round trip at all, let alone a sequential one. Writes wait for
 * it (see {@code Guard}) before changing anything; a query's result is released only once it has passed. Of the
 * tenant item only its {@code status} attribute is read, so an item the code cannot otherwise map still fails only
 * the fields that read it.
 */
public final class MembershipCheck {
    /** The {@code extensions.reason} of a request refused because its tenant is suspended. */
    public static final String SUSPENDED_REASON = "TENANT_SUSPENDED";
    private static final String STATUS = "status";

    private MembershipCheck() {
    }

    /** Completes with the active membership, or exceptionally with FORBIDDEN, once the loader is dispatched. */
    public static CompletableFuture<UserItem> start(Caller caller, DataLoader<TableKey, Map<String, AttributeValue>> items) {
        CompletableFuture<Map<String, AttributeValue>> member = items.load(Keys.user(caller.tenant(), caller.user()));
        CompletableFuture<Map<String, AttributeValue>> tenant = items.load(Keys.tenant(caller.tenant()));
        return member.thenCombine(tenant, (memberItem, tenantItem) -> verify(
                UserItem.MODEL.fromItem(memberItem).orElse(null), tenantItem));
    }

    private static UserItem verify(UserItem member, Map<String, AttributeValue> tenant) {
        if (member == null || tenant == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "You are not a member of this workspace");
        }
        if (!member.status().mayAccess()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Your membership of this workspace is "
                    + member.status().name().toLowerCase(Locale.ROOT));
        }
        AttributeValue status = tenant.get(STATUS);
        if (status == null || !TenantStatus.ACTIVE.name().equals(status.s())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This workspace is suspended: nothing in it can be read or"
                    + " changed until its operators resume it", Map.of("reason", SUSPENDED_REASON), null);
        }
        return member;
    }
}
