package com.tenantgraph.local.lambda;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded pools of named daemon threads: a handler stuck in user code can neither grow the pool nor keep the JVM
 * (a test run, ./dev up) alive after the component that owns the pool is closed.
 */
public final class DaemonThreadPools {
    private DaemonThreadPools() {
    }

    /** A pool of {@code threads} daemon threads named {@code namePrefix-1, -2, …}. */
    public static ExecutorService fixed(String namePrefix, int threads) {
        return Executors.newFixedThreadPool(threads, daemonThreads(namePrefix));
    }

    private static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
