package com.tenantgraph.local.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Table;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.local.faults.FaultProxy;
import com.tenantgraph.local.faults.FaultProxy.Fault;
import com.tenantgraph.pipeline.RequestDeadline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A query whose DynamoDB answers are slow stops reading once its read window has passed and says so (UNAVAILABLE,
 * reason DEADLINE_EXCEEDED) instead of running on past the function's timeout. The delay is real (a
 * {@link FaultProxy} holds every request back); the handler's clock runs {@value #TIME_LAPSE} times faster while a
 * call is in flight, so a fraction of a second of delay is many seconds of the request's time and the test takes no
 * longer than a normal one. The same query without the delay is answered in full.
 */
@ExtendWith(SharedMoto.class)
class ReadDeadlineIT {
    private static final int TIME_LAPSE = 60;
    private static final String QUERY = """
            { projects(first: 10) { edges { node { key tasks(first: 10) { edges { node { title } } } } } } }""";

    @Test
    void aQueryDelayedPastItsReadWindow_startsNoReadAfterIt_andAnswersDeadlineExceeded(Table table) {
        try (FaultProxy proxy = new FaultProxy(table.client().serviceClientConfiguration().endpointOverride()
                .orElseThrow());
             DynamoDbClient viaProxy = DynamoDbClient.builder().endpointOverride(proxy.endpoint())
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l")))
                     .build()) {
            // GIVEN projects with tasks, and a handler whose clock can move 60 times faster while a call is in flight
            MotoBackedApi.MovableClock clock = new MotoBackedApi.MovableClock(Instant.now());
            TimeLapse lapse = new TimeLapse(clock);
            MotoBackedApi api = new MotoBackedApi(new Table(viaProxy, table.name()), clock, lapse);
            for (String key : List.of("AAA", "BBB", "CCC", "DDD")) {
                Map<String, Object> created = api.graphql(api.admin, """
                        mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }""",
                        Map.of("i", Map.of("key", key, "name", key)));
                @SuppressWarnings("unchecked")
                String id = (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) created
                        .get("data")).get("createProject")).get("project")).get("id");
                api.graphql(api.admin, """
                        mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }""",
                        Map.of("i", Map.of("projectId", id, "title", "a task of " + key)));
            }

            // WHEN the query runs with every DynamoDB call delayed (control: without the delay)
            Map<String, Object> control = api.graphql(api.admin, QUERY, Map.of());
            lapse.armed.set(true);
            proxy.inject(Fault.DELAY, -1, 400, null);
            lapse.starts.clear();
            Instant start = clock.instant();
            Map<String, Object> late = api.graphql(api.admin, QUERY, Map.of());
            proxy.heal();
            lapse.armed.set(false);

            // THEN the control is answered in full; the delayed query says it ran out of time, and no call started
            // after its read window
            assertThat(control).as(control.toString()).doesNotContainKey("errors");
            assertThat(proxy.injected()).isPositive();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors = (List<Map<String, Object>>) late.get("errors");
            assertThat(errors).as(late.toString()).isNotEmpty().allSatisfy(error -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
                assertThat(extensions).containsEntry("code", "UNAVAILABLE")
                        .containsEntry("reason", RequestDeadline.REASON);
            });
            assertThat(clock.instant()).as("the delay took the request past its read window")
                    .isAfter(start.plus(RequestDeadline.READ_WINDOW));
            Instant readsUntil = start.plus(RequestDeadline.READ_WINDOW);
            assertThat(lapse.starts).as("calls started").isNotEmpty()
                    .allSatisfy(started -> assertThat(started).isBeforeOrEqualTo(readsUntil));
        }
    }

    /** Advances the clock by {@value #TIME_LAPSE} times each call's real duration; records each call's start. */
    private static final class TimeLapse implements ExecutionInterceptor {
        final AtomicBoolean armed = new AtomicBoolean();
        final List<Instant> starts = new CopyOnWriteArrayList<>();
        private final MotoBackedApi.MovableClock clock;
        private final ThreadLocal<Long> began = new ThreadLocal<>();

        TimeLapse(MotoBackedApi.MovableClock clock) {
            this.clock = clock;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            starts.add(clock.instant());
            began.set(System.nanoTime());
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            lapse();
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            lapse();
        }

        private void lapse() {
            Long from = began.get();
            if (armed.get() && from != null) {
                clock.advance(Duration.ofNanos((System.nanoTime() - from) * TIME_LAPSE));
            }
        }
    }
}
