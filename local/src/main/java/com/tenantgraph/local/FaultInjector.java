package com.tenantgraph.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK interceptor on the local GraphQL function's DynamoDB and Cognito clients, for tests: it can make the next
 * call of a named operation fail, or run something just before it (to interleave a concurrent request at an exact
 * point). Each arming applies to one call only. Unarmed, it does nothing.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private final Map<String, Runnable> armed = new ConcurrentHashMap<>();

    /** The next call of {@code operation} (for example "TransactWriteItems", "AdminDisableUser") throws {@code failure}. */
    public void failNext(String operation, RuntimeException failure) {
        armed.put(operation, () -> {
            throw failure;
        });
    }

    /** Runs {@code action} on the calling thread just before the next call of {@code operation} is sent. */
    public void beforeNext(String operation, Runnable action) {
        armed.put(operation, action);
    }

    /** Disarms everything. */
    public void clear() {
        armed.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Runnable action = armed.remove(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (action != null) {
            action.run();
        }
    }
}
