package com.tenantgraph.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@link Context} of one local invocation: a fresh request id, the function's name and ARN in the local account,
 * the time left before the invocation's deadline, and a logger that writes to stdout as Lambda's writes to CloudWatch.
 */
final class LocalContext implements Context {
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "000000000000";
    /** Nominal: the local runtime does not limit memory. */
    private static final int MEMORY_LIMIT_MB = 1024;

    private final String requestId;
    private final String functionName;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(String requestId, String functionName, long deadlineNanos, LambdaLogger logger) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    static String functionArn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn(functionName);
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remainingMillis));
    }

    @Override
    public int getMemoryLimitInMB() {
        return MEMORY_LIMIT_MB;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
