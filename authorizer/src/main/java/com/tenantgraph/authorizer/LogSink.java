package com.tenantgraph.authorizer;

/**
 * Where the authorizer's structured log lines go: one JSON object per call, no trailing newline. The default writes
 * to standard output, which Lambda ships to CloudWatch Logs; tests and the local stack pass their own to see
 * exactly what was logged.
 */
@FunctionalInterface
public interface LogSink {

    void write(String jsonLine);

    /** One line per object on {@code System.out}. */
    static LogSink standardOutput() {
        return System.out::println;
    }
}
