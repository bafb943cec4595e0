package com.tenantgraph.domain;

/** Whether a tenant may be used. */
public enum TenantStatus {
    ACTIVE, SUSPENDED
}
