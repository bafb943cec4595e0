package com.tenantgraph.workspace;

/**
 * A create's idempotency key: the client's {@code clientMutationId} and the hash of the rest of its input (so the same
 * key sent with a different input is refused rather than answered with another request's result).
 */
public record IdempotencyKey(String clientMutationId, String requestHash) {
    public static final int MAX_LENGTH = 100;
}
