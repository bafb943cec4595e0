package com.tenantgraph.local.seed;

import com.tenantgraph.tenancy.Role;

/** A demo login of the local stack: written to .local/outputs.json and printed by ./dev up. */
public record DemoUser(String tenant, String username, String password, Role role, String name) {
}
