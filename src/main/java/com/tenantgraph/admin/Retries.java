package com.tenantgraph.admin;

import com.tenantgraph.data.DataAccessException;
import java.util.function.Supplier;

/**
 * DynamoDB cancels a transaction that meets a concurrent one on an item (TransactionConflict, translated to
 * {@link DataAccessException.ThrottledException}); the SDK does not retry that. A read-check-write step is retried a
 * few times with a short backoff: it reads again, so a retry never writes over a change it has not seen.
 */
final class Retries {
    static final int ATTEMPTS = 3;

    private Retries() {
    }

    static <T> T onConflict(Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (DataAccessException.ThrottledException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                pause(25L * attempt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
