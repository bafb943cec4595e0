package com.tenantgraph.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Lambda's context logger, locally: writes each message to stdout as it is given (like the runtime, it adds no line
 * break), where Lambda would write it to the function's CloudWatch log stream.
 */
final class StdoutLambdaLogger implements LambdaLogger {
    static final StdoutLambdaLogger INSTANCE = new StdoutLambdaLogger();

    private StdoutLambdaLogger() {
    }

    @Override
    public void log(String message) {
        log(String.valueOf(message).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message) {
        PrintStream out = System.out;
        out.write(message, 0, message.length);
        out.flush();
    }
}
