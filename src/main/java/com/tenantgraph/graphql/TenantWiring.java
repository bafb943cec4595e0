package com.tenantgraph.graphql;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Action;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;

/**
 * The caller's tenant: {@code tenant} (through the request's item loader, so it shares a BatchGetItem with its level),
 * its global id, and {@code updateTenant} (ADMIN only). There is no argument naming a tenant: it is the request's.
 */
final class TenantWiring {
    private TenantWiring() {
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        wiring.type("Query", t -> t.dataFetcher("tenant", env -> {
                    RequestContext context = RequestContext.of(env);
                    return context.items().load(Keys.tenant(context.tenant())).thenApply(item ->
                            TenantItem.MODEL.fromItem(Arguments.found(item, "Tenant")).orElseThrow());
                }))
                .type("Tenant", t -> t.dataFetcher("id", env -> Ids.tenant(env.getSource())))
                .type("Mutation", t -> t.dataFetcher("updateTenant", Guard.mutation(Action.UPDATE_TENANT,
                        (env, member) -> Arguments.run(services, () -> {
                            Map<String, Object> input = Arguments.input(env);
                            return Map.of("tenant", services.tenants().rename(member.tenant(),
                                    (String) input.get("name"), Arguments.expectedVersion(input)));
                        }))));
    }
}
