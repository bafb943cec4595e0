package com.tenantgraph.domain;

/** A tenant's commercial plan. */
public enum Plan {
    FREE, TEAM, ENTERPRISE
}
