package com.tenantgraph.tenancy;

/** Everything a member may try to do; {@link RoleMatrix} says which roles may. */
public enum Action {
    READ,
    CREATE_PROJECT,
    UPDATE_PROJECT,
    DELETE_PROJECT,
    CREATE_TASK,
    UPDATE_TASK,
    DELETE_TASK,
    ADD_COMMENT,
    EDIT_OWN_COMMENT,
    EDIT_ANY_COMMENT,
    DELETE_OWN_COMMENT,
    DELETE_ANY_COMMENT,
    MANAGE_USERS,
    UPDATE_TENANT
}
