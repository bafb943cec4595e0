package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.tenancy.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Cognito client is built on first use, never by init or a read: pins the laziness the cold start relies on
 * (docs/benchmarks.md), and that it builds the client exactly once however many administration calls race for it.
 */
class LazyUserDirectoryTest {
    private final AtomicInteger built = new AtomicInteger();
    private final UserDirectory cognito = mock(UserDirectory.class);
    private final LazyUserDirectory lazy = new LazyUserDirectory("us-east-1_pool", () -> {
        built.incrementAndGet();
        return cognito;
    });

    @Test
    void runtimeInit_withUserPool_buildsNoCognitoClient() {
        // WHEN the runtime's init reads a deployed function's environment
        UserDirectory directory = Application.userDirectory(Map.of("USER_POOL_ID", "eu-west-1_abc",
                "AWS_REGION", "eu-west-1"));

        // THEN it has the pool, and no client yet
        assertThat(directory).isInstanceOf(LazyUserDirectory.class);
        assertThat(directory.userPoolId()).isEqualTo("eu-west-1_abc");
        assertThat(((LazyUserDirectory) directory).connected()).isFalse();
    }

    @Test
    void readRequest_doesNotBuildTheCognitoClient() {
        // GIVEN the application with a user directory connected on first use
        MockedTableApi api = new MockedTableApi(lazy).withActiveAdmin();

        // WHEN a read is answered
        MockedTableApi.Reply reply = api.query("{ me { email role } tenant { name } }");

        // THEN the read succeeded and the directory was never connected
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.rawBody()).doesNotContain("\"errors\"");
        assertThat(built).hasValue(0);
        assertThat(lazy.connected()).isFalse();
        assertThat(lazy.userPoolId()).isEqualTo("us-east-1_pool");
        assertThat(built).as("the pool id needs no client").hasValue(0);
    }

    @Test
    void concurrentAdministrationCalls_buildTheClientOnce() throws Exception {
        // GIVEN eight administration calls released at the same moment
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                UserId user = UserId.of("u-" + i);
                calls.add(pool.submit(() -> {
                    start.await();
                    lazy.disable(user);
                    return null;
                }));
            }

            // WHEN they run
            start.countDown();
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN the client was built once and every call reached it
        assertThat(built).hasValue(1);
        verify(cognito, times(1)).disable(UserId.of("u-0"));
        verify(cognito, times(1)).disable(UserId.of("u-7"));
        lazy.enable(UserId.of("u-0"));
        assertThat(built).as("later calls reuse it").hasValue(1);
    }

    @Test
    void snapStartCheckpoint_connectsTheDirectory_soRestoredContainersHaveIt() {
        // GIVEN the application with a directory not yet connected
        MockedTableApi api = new MockedTableApi(lazy);

        // WHEN Lambda takes the snapshot
        SnapStartPriming.register(api.application, new GraphiQlPage(BrowserConfig.pastedTokensOnly()))
                .beforeCheckpoint(null);

        // THEN the client is built, once
        assertThat(lazy.connected()).isTrue();
        assertThat(built).hasValue(1);
    }
}
