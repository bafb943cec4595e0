package com.tenantgraph.domain;

/**
 * Lifecycle of a membership. DISABLED and REMOVED users are refused on their very next request (the membership check
 * reads this on every request); REMOVED is a tombstone kept so that authorship still resolves.
 */
public enum UserStatus {
    INVITED, ACTIVE, DISABLED, REMOVED;

    /** Whether a user with this status may use the API. */
    public boolean mayAccess() {
        return this == INVITED || this == ACTIVE;
    }
}
