package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The latest moment a request may start a write. API Gateway gives up at 29 s and the function's timeout is 28 s: a
 * mutation may only start within {@link #WRITE_WINDOW} of the request's start, and each of its DynamoDB calls ends
 * within the client's call timeout ({@code AwsClients.Timeouts.GRAPHQL}, 6 s), so a write begun in the window has
 * three sequential calls' time left before the function's timeout. A mutation that would start later is not started:
 * the answer says truthfully that nothing was written (UNAVAILABLE, reason {@value #REASON}), so the client may retry.
 * Reads are not cut short: a late read changes nothing, and the call timeouts bound it.
 */
public record RequestDeadline(Instant writesUntil, Clock clock) {
    /** How long after its start a request may still begin a mutation. */
    public static final Duration WRITE_WINDOW = Duration.ofSeconds(8);
    public static final String REASON = "DEADLINE_EXCEEDED";

    /** The deadline of a request starting now on {@code clock}. */
    public static RequestDeadline startingNow(Clock clock) {
        return new RequestDeadline(clock.instant().plus(WRITE_WINDOW), clock);
    }

    public static RequestDeadline of(DataFetchingEnvironment environment) {
        return environment.getGraphQlContext().get(RequestDeadline.class);
    }

    /** Throws UNAVAILABLE (reason {@value #REASON}) once the window for starting a write has passed. */
    public void requireTimeToWrite() {
        if (clock.instant().isAfter(writesUntil)) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "The request ran out of time before this change was made; "
                    + "nothing was written. Retry it.", Map.of("reason", REASON), null);
        }
    }
}
