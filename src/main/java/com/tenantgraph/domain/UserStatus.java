package com.tenantgraph.domain;

/**
 * Lifecycle of a membership. DISABLED and REMOVED users are refused on their very next request (the membership check
 * reads this on every request); REMOVED is a tombstone kept so that authorship still resolves. There is no invited
 * state: a membership exists only once the person has accepted (a pending invitation is an {@code InvitationItem}).
 */
public enum UserStatus {
    ACTIVE, DISABLED, REMOVED;

    /** Whether a user with this status may use the API. */
    public boolean mayAccess() {
        return this == ACTIVE;
    }
}
