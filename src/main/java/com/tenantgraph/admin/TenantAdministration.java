package com.tenantgraph.admin;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantRepository;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Update;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Changes an ADMIN makes to their own tenant: only the caller's tenant (from the token) can be named, so there is no
 * tenant argument at all. The operators' registry keeps the name the tenant was provisioned with (the GraphQL
 * function cannot write the registry; docs/data-model.md §8).
 */
public final class TenantAdministration {
    private final Writes writes;
    private final TenantRepository tenants;

    public TenantAdministration(Writes writes, TenantRepository tenants) {
        this.writes = writes;
        this.tenants = tenants;
    }

    public TenantItem rename(TenantId tenant, String name, long expectedVersion) {
        String validName;
        try {
            validName = InputRules.workspaceName("name", name);
        } catch (InputRules.InvalidInputException e) {
            throw AdminErrors.badInput(e);
        }
        TenantItem.MODEL.validate("name", validName);
        try {
            // one conditional UpdateItem: the audit plugin adds the update time and the version + 1
            return TenantItem.MODEL.fromItem(writes.update("RenameTenant", TenantItem.MODEL, Keys.tenant(tenant),
                    Update.set("#name = :name").name("#name", "name").value(":name", validName),
                    Expr.of("#v = :expected").name("#v", "version").value(":expected", expectedVersion),
                    ReturnValue.ALL_NEW, null)).orElseThrow();
        } catch (DataAccessException.ConditionFailedException e) {
            Long version = TenantItem.MODEL.fromItem(e.oldItem(0)).map(TenantItem::version)
                    .or(() -> tenants.find(tenant).map(TenantItem::version)).orElse(null);
            if (version == null) {
                throw ApiException.notFound("Tenant");
            }
            throw ApiException.conflict("The tenant", version);
        }
    }
}
