package com.tenantgraph.graphql;

import com.tenantgraph.pipeline.RequestContext;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.errors.ApiException;
import graphql.schema.DataFetcher;
import java.util.concurrent.CompletableFuture;

/** Root query fields. Each takes the tenant from the request context, never from an argument. */
final class QueryResolvers {
    private QueryResolvers() {
    }

    /** {@code me}: the membership record the check has already read; no second read. */
    static DataFetcher<CompletableFuture<UserItem>> me() {
        return env -> RequestContext.of(env).membership();
    }

    /** {@code tenant}: through the request's item loader, so it shares a BatchGetItem with its level. */
    static DataFetcher<CompletableFuture<TenantItem>> tenant() {
        return env -> {
            RequestContext context = RequestContext.of(env);
            return context.items().load(Keys.tenant(context.tenant())).thenApply(item -> {
                if (item == null) {
                    throw ApiException.notFound("Tenant");
                }
                return TenantItem.SCHEMA.mapToItem(item);
            });
        };
    }
}
