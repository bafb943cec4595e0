package com.tenantgraph.domain;

/** Where a task stands. Stored by name; appears in GSI2 and GSI3 sort keys, so a status filter is a key condition. */
public enum TaskStatus {
    TODO, IN_PROGRESS, DONE
}
