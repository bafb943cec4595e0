package com.tenantgraph.data;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * Counts the DynamoDB calls (not attempts) made by every client {@link AwsClients} builds in this process; the request
 * log reads it before and after a request to report the request's calls as a metric. A Lambda execution environment
 * serves one request at a time, so the difference is exactly that request's calls; where one process serves requests
 * side by side (the local stack under concurrent clients) the difference also holds the overlapping requests' calls.
 */
public final class SdkCallCounter implements ExecutionInterceptor {
    static final SdkCallCounter INSTANCE = new SdkCallCounter();

    private final LongAdder dynamoDbCalls = new LongAdder();

    private SdkCallCounter() {
    }

    /** DynamoDB calls started so far in this process. */
    public static long dynamoDbCalls() {
        return INSTANCE.dynamoDbCalls.sum();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof DynamoDbRequest) {
            dynamoDbCalls.increment();
        }
    }
}
