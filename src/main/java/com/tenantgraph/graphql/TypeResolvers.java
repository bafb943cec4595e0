package com.tenantgraph.graphql;

import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import graphql.schema.DataFetcher;

/** Fields of object types that are not plain properties: global ids and enums. */
final class TypeResolvers {
    private TypeResolvers() {
    }

    static DataFetcher<String> tenantId() {
        return env -> GlobalId.encode("Tenant", env.<TenantItem>getSource().tenantId().value());
    }

    static DataFetcher<String> userId() {
        return env -> GlobalId.encode("User", env.<UserItem>getSource().userId().value());
    }
}
