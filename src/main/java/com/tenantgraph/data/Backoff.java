package com.tenantgraph.data;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The data layer's one retry pause, for what DynamoDB asks to try again and the SDK does not retry itself (a
 * transaction cancelled by a concurrent one, BatchGetItem's unprocessed keys): exponential backoff with full jitter,
 * a random pause up to {@code 20 ms × 2^(retry)}, the exponent capped at 6.
 */
public final class Backoff {
    private static final long BASE_MILLIS = 20;

    private Backoff() {
    }

    /** Pauses before retry number {@code retry} (1 for the first retry). */
    public static void pause(int retry) {
        long cap = BASE_MILLIS << Math.min(retry, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("interrupted while waiting to retry", e);
        }
    }
}
