package com.tenantgraph.data;

import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.Optional;

/** Members of a tenant. Every method takes the tenant first: a user id alone reaches nothing. */
public final class UserRepository {
    private final Table table;

    public UserRepository(Table table) {
        this.table = table;
    }

    /** The membership record, read with a consistent read (it is the revocation mechanism). */
    public Optional<UserItem> find(TenantId tenant, UserId user) {
        return table.getConsistent(Keys.user(tenant, user), "GetUser").flatMap(UserItem.MODEL::fromItem);
    }
}
