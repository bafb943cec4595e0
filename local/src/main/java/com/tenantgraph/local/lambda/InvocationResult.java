package com.tenantgraph.local.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What one Lambda invocation returned, in the shape of the Invoke API: the function's JSON answer, or a function error
 * whose payload is the runtime's {@code {"errorMessage", "errorType", "stackTrace"}} document (sent with the
 * {@code X-Amz-Function-Error: Unhandled} header). Payloads are the exact bytes a caller of Lambda would receive.
 */
public sealed interface InvocationResult {

    /** The serialized answer, exactly as the Lambda Java runtime writes it. */
    byte[] payload();

    /** The handler returned; {@code payload} is its answer serialized by the runtime. */
    record Success(byte[] payload) implements InvocationResult {
        @Override
        public String toString() {
            return "Success[" + new String(payload, StandardCharsets.UTF_8) + "]";
        }
    }

    /**
     * The invocation failed: the handler threw, its input or output could not be (de)serialized, or the answer was over
     * Lambda's response size limit.
     */
    record FunctionError(String errorType, String errorMessage, byte[] payload) implements InvocationResult {
        @Override
        public String toString() {
            return "FunctionError[" + errorType + ": " + errorMessage + "]";
        }
    }
}
