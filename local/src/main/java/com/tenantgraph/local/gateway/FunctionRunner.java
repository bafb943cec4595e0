package com.tenantgraph.local.gateway;

import com.tenantgraph.local.lambda.DaemonThreadPools;
import com.tenantgraph.local.lambda.InvocationResult;
import com.tenantgraph.local.lambda.LocalFunction;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invokes local functions on a bounded pool of its own so that the gateway can stop waiting, as API Gateway does at
 * its integration timeout and Lambda at the function's timeout: the late invocation is abandoned (its thread is
 * interrupted, and its answer, if any, discarded).
 */
public final class FunctionRunner implements AutoCloseable {
    private final ExecutorService executor;

    public FunctionRunner(String threadNamePrefix, int threads) {
        this.executor = DaemonThreadPools.fixed(threadNamePrefix, threads);
    }

    /** The function's result, or empty when it did not finish within {@code timeout}. */
    public Optional<InvocationResult> invoke(LocalFunction<?, ?> function, byte[] event, Duration timeout) {
        return invoke(function, event, timeout, timeout);
    }

    /**
     * The function's result, or empty when it did not finish within {@code wait}; its context's remaining time counts
     * down from {@code functionTimeout}.
     */
    Optional<InvocationResult> invoke(LocalFunction<?, ?> function, byte[] event, Duration functionTimeout,
                                      Duration wait) {
        Future<InvocationResult> invocation = executor.submit(() -> function.invoke(event, functionTimeout));
        try {
            return Optional.of(invocation.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            invocation.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            invocation.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + function.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(function.name() + " failed outside the handler", e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
