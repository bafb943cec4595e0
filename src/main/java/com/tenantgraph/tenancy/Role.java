package com.tenantgraph.tenancy;

/** A member's role in their tenant; the membership record holds the authoritative value. */
public enum Role {
    ADMIN, MEMBER, VIEWER
}
