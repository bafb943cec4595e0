package com.tenantgraph.graphql;

import static graphql.schema.idl.TypeRuntimeWiring.newTypeWiring;

import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.pipeline.Guard;
import com.tenantgraph.pipeline.RequestContext;
import com.tenantgraph.tenancy.Action;
import com.tenantgraph.tenancy.Member;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's tenant: {@code tenant} (through the request's item loader, so it shares a BatchGetItem with its level),
 * its global id, and {@code updateTenant} (ADMIN only). There is no argument naming a tenant: it is the request's.
 */
final class TenantWiring implements Dispatch.Reads<TenantWiring.Field>, Dispatch.Writes<TenantWiring.Mutation> {
    /** The fields resolved here, each at its coordinates in schema.graphqls; {@link #read} has a case for each. */
    enum Field {
        QUERY_TENANT("Query", "tenant"),
        TENANT_ID("Tenant", "id");

        final String type;
        final String fieldName;

        Field(String type, String fieldName) {
            this.type = type;
            this.fieldName = fieldName;
        }
    }

    /** The tenant mutations, each with the action the Guard checks; {@link #write} has a case for each. */
    enum Mutation {
        UPDATE_TENANT("updateTenant", Action.UPDATE_TENANT);

        final String fieldName;
        final Action action;

        Mutation(String fieldName, Action action) {
            this.fieldName = fieldName;
            this.action = action;
        }
    }

    private final Services services;

    private TenantWiring(Services services) {
        this.services = services;
    }

    static void register(RuntimeWiring.Builder wiring, Services services) {
        TenantWiring area = new TenantWiring(services);
        for (Field field : Field.values()) {
            wiring.type(newTypeWiring(field.type).dataFetcher(field.fieldName, new Dispatch.Read<>(area, field)));
        }
        for (Mutation mutation : Mutation.values()) {
            wiring.type(newTypeWiring("Mutation").dataFetcher(mutation.fieldName,
                    Guard.mutation(mutation.action, new Dispatch.Write<>(area, mutation))));
        }
    }

    @Override
    public Object read(Field field, DataFetchingEnvironment env) {
        return switch (field) {
            case QUERY_TENANT -> tenant(RequestContext.of(env));
            case TENANT_ID -> Ids.tenant(env.getSource());
        };
    }

    private static CompletableFuture<TenantItem> tenant(RequestContext context) {
        return context.items().load(Keys.tenant(context.tenant())).thenApply(item ->
                TenantItem.MODEL.fromItem(Arguments.found(item, "Tenant")).orElseThrow());
    }

    /** The tenant mutations, run by the Guard once the caller may. */
    @Override
    public CompletableFuture<Map<String, Object>> write(Mutation mutation, DataFetchingEnvironment env, Member member) {
        return switch (mutation) {
            case UPDATE_TENANT -> Arguments.run(services, () -> {
                Map<String, Object> input = Arguments.input(env);
                return Map.of("tenant", services.tenants().rename(member.tenant(), (String) input.get("name"),
                        Arguments.expectedVersion(input)));
            });
        };
    }
}
