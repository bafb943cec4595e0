package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.pipeline.RequestDeadline;
import com.tenantgraph.local.data.SharedMoto;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A request whose write window has passed by the time its mutation would start (here: the clock moves past the window
 * while the membership check is in flight) writes nothing and says so: UNAVAILABLE with reason DEADLINE_EXCEEDED. The
 * same mutation in time, on the same handler, is applied. Against moto through the real handler.
 */
@ExtendWith(SharedMoto.class)
class RequestDeadlineIT {
    private static final String CREATE_PROJECT = """
            mutation($i: CreateProjectInput!) { createProject(input: $i) { project { key } } }""";

    @Test
    void aMutationPastTheWriteWindow_writesNothing_andSaysSo(Table table) {
        // GIVEN a handler whose clock jumps past the write window during the next call's membership read
        MotoBackedApi.MovableClock clock = new MotoBackedApi.MovableClock(Instant.now());
        SlowCall slow = new SlowCall(clock, RequestDeadline.WRITE_WINDOW.plusSeconds(1));
        MotoBackedApi api = new MotoBackedApi(table, clock, slow);
        Map<String, Object> inTime = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "INTIME",
                "name", "In time")));

        // WHEN a create is sent and its membership read takes longer than the window
        slow.armed.set(true);
        slow.operations.clear();
        Map<String, Object> late = api.graphql(api.admin, CREATE_PROJECT, Map.of("i", Map.of("key", "LATE",
                "name", "Too late")));

        // THEN the in-time create was applied, and the late one was refused before any write, saying so
        assertThat(inTime).doesNotContainKey("errors");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = ((List<Map<String, Object>>) late.get("errors")).get(0);
        assertThat(error.get("extensions")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("code", "UNAVAILABLE")
                .containsEntry("reason", "DEADLINE_EXCEEDED");
        assertThat(slow.operations).as("only the membership read was sent").containsExactly("BatchGetItem");
        Map<String, Object> keys = api.graphql(api.admin, "{ a: project(key: \"INTIME\") { key } "
                + "b: project(key: \"LATE\") { key } }", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) keys.get("data");
        assertThat(data.get("a")).isEqualTo(Map.of("key", "INTIME"));
        assertThat(data.get("b")).isNull();
    }

    /** Moves the clock forward when the next call is made (once, when armed); records every operation it sees. */
    private static final class SlowCall implements ExecutionInterceptor {
        final AtomicBoolean armed = new AtomicBoolean();
        final List<String> operations = new CopyOnWriteArrayList<>();
        private final MotoBackedApi.MovableClock clock;
        private final Duration by;

        SlowCall(MotoBackedApi.MovableClock clock, Duration by) {
            this.clock = clock;
            this.by = by;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            if (armed.compareAndSet(true, false)) {
                clock.advance(by);
            }
        }
    }
}
