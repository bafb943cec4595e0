package com.tenantgraph.local.websocket;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.lambda.InvocationResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code $connect} function's answer means for the handshake, as API Gateway reads it: a 2xx
 * {@code statusCode} accepts the connection, with the {@code Sec-WebSocket-Protocol} header of the answer (from
 * {@code headers} or {@code multiValueHeaders}) as the chosen subprotocol; any other status refuses it with that
 * status; a function error, a timeout or an answer that is not a proxy response refuses it with 500.
 *
 * @param note what the log says about a refusal; null when accepted
 */
record ConnectAnswer(int status, Optional<String> subprotocol, String note) {

    static ConnectAnswer of(Optional<InvocationResult> result) {
        if (result.isEmpty()) {
            return new ConnectAnswer(500, Optional.empty(), "the $connect function did not answer in time");
        }
        if (result.get() instanceof InvocationResult.FunctionError error) {
            return new ConnectAnswer(500, Optional.empty(), error.toString());
        }
        Map<?, ?> answer;
        try {
            answer = JSON.std.anyFrom(result.get().payload()) instanceof Map<?, ?> map ? map : null;
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !(answer.get("statusCode") instanceof Number status)) {
            return new ConnectAnswer(500, Optional.empty(), "the $connect answer has no statusCode");
        }
        boolean accepted = status.intValue() >= 200 && status.intValue() <= 299;
        return new ConnectAnswer(status.intValue(), subprotocol(answer),
                accepted ? null : "the $connect function answered " + status.intValue());
    }

    private static Optional<String> subprotocol(Map<?, ?> answer) {
        if (answer.get("headers") instanceof Map<?, ?> headers) {
            for (var header : headers.entrySet()) {
                if ("Sec-WebSocket-Protocol".equalsIgnoreCase(String.valueOf(header.getKey()))
                        && header.getValue() instanceof String value) {
                    return Optional.of(value);
                }
            }
        }
        if (answer.get("multiValueHeaders") instanceof Map<?, ?> headers) {
            for (var header : headers.entrySet()) {
                if ("Sec-WebSocket-Protocol".equalsIgnoreCase(String.valueOf(header.getKey()))
                        && header.getValue() instanceof List<?> values && !values.isEmpty()) {
                    return Optional.of(String.valueOf(values.get(0)));
                }
            }
        }
        return Optional.empty();
    }
}
