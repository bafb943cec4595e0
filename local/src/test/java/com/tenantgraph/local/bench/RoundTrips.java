package com.tenantgraph.local.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every DynamoDB call of a client (operation, start, end) and counts the <em>sequential</em> round trips of a
 * request: the longest chain of calls in which each starts after the one before it ended. Calls that run side by side
 * (the Queries of one level) add one link to the chain, not one each; so for a query served one round trip per level
 * the chain is as long as the query has levels.
 *
 * <p>{@code addedLatency} holds each call that long before it is sent, as a slower network would: the calls of one
 * level then overlap beyond doubt however the machine schedules their threads, so the count does not depend on
 * timing (the tests use it; the bench does not, its latencies are the real ones).
 */
public final class RoundTrips implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("tg.bench.started");

    /** One DynamoDB call: its operation and when it started and ended (System.nanoTime). */
    public record Call(String operation, long started, long ended) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final long addedLatencyMillis;

    public RoundTrips(long addedLatencyMillis) {
        this.addedLatencyMillis = addedLatencyMillis;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (addedLatencyMillis > 0) {
            try {
                Thread.sleep(addedLatencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                attributes.getAttribute(STARTED), System.nanoTime()));
    }

    public void clear() {
        calls.clear();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public long count(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).count();
    }

    /** The longest chain of calls each of which started after the previous one ended. */
    public int sequential() {
        List<Call> byStart = new ArrayList<>(calls);
        byStart.sort(Comparator.comparingLong(Call::started));
        int[] chain = new int[byStart.size()];
        int longest = 0;
        for (int i = 0; i < byStart.size(); i++) {
            chain[i] = 1;
            for (int j = 0; j < i; j++) {
                if (byStart.get(j).ended() <= byStart.get(i).started()) {
                    chain[i] = Math.max(chain[i], chain[j] + 1);
                }
            }
            longest = Math.max(longest, chain[i]);
        }
        return longest;
    }
}
