package com.tenantgraph.pipeline;

import com.tenantgraph.data.ItemReader;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The latest moments a request may start a write and a read. API Gateway gives up at 29 s and the function's timeout
 * is 28 s; each DynamoDB call ends within the client's call timeout ({@code AwsClients.Timeouts.GRAPHQL}, 6 s). So:
 * <ul>
 *   <li>a mutation may only start within {@link #WRITE_WINDOW} of the request's start: a write begun in the window has
 *       three sequential calls' time left before the function's timeout;</li>
 *   <li>a read (a data fetcher that is not a plain property, or a batch of the request's item loader) may only start
 *       within {@link #READ_WINDOW}: the last one ends by 26 s, whatever the depth of the query.</li>
 * </ul>
 * A write or read that would start later is not started, and the answer says so truthfully: UNAVAILABLE, reason
 * {@value #REASON} (for a write: nothing was written), so the client may retry. The whole request therefore ends
 * before the function's timeout and before the gateway's, and no work outlives its caller.
 */
public record RequestDeadline(Instant writesUntil, Instant readsUntil, Clock clock) {
    /** How long after its start a request may still begin a mutation. */
    public static final Duration WRITE_WINDOW = Duration.ofSeconds(8);
    /** How long after its start a request may still begin a read. */
    public static final Duration READ_WINDOW = Duration.ofSeconds(20);
    public static final String REASON = "DEADLINE_EXCEEDED";

    /**
     * Checks the read window before every data fetcher that does more than read a property of its source (a plain
     * property fetcher reads nothing from DynamoDB). Fetchers of a request without a deadline (tests that execute
     * the schema directly) are left as they are.
     */
    public static final Instrumentation READS = new SimplePerformantInstrumentation() {
        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters
                parameters, InstrumentationState state) {
            if (parameters.isTrivialDataFetcher()) {
                return fetcher;
            }
            return environment -> {
                RequestDeadline deadline = RequestDeadline.of(environment);
                if (deadline != null) {
                    deadline.requireTimeToRead();
                }
                return fetcher.get(environment);
            };
        }
    };

    /** The deadline of a request starting now on {@code clock}. */
    public static RequestDeadline startingNow(Clock clock) {
        Instant now = clock.instant();
        return new RequestDeadline(now.plus(WRITE_WINDOW), now.plus(READ_WINDOW), clock);
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

    /** Throws UNAVAILABLE (reason {@value #REASON}) once the window for starting a read has passed. */
    public void requireTimeToRead() {
        if (clock.instant().isAfter(readsUntil)) {
            throw new ApiException(ErrorCode.UNAVAILABLE, "The request ran out of time before this data was read. "
                    + "Retry it.", Map.of("reason", REASON), null);
        }
    }

    /** {@code reader} with the read window checked before each batch (the request's item loader reads through it). */
    public ItemReader bounding(ItemReader reader) {
        return keys -> {
            requireTimeToRead();
            return reader.getAll(keys);
        };
    }
}
