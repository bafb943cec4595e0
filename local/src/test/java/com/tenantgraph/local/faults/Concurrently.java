package com.tenantgraph.local.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs writers at once, each on its own thread, all released together, and returns their results in order: what the
 * fault and race tests use to make requests meet.
 */
public final class Concurrently {
    private Concurrently() {
    }

    public static <T> List<T> run(int writers, IntFunction<T> writer) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, writers));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return writer.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
