package com.tenantgraph.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the calls a function's SDK client makes, by operation name (one per call, whatever its retries), so that the
 * benchmark and tests can say what one event cost: for example the fan-out function's Query and BatchGetItem calls
 * per delivered event.
 */
public final class CallCounter implements ExecutionInterceptor {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), name -> new AtomicLong())
                .incrementAndGet();
    }

    /** The calls so far, by operation, in name order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    public long total() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
