package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway ends an invocation at the function's timeout or the integration timeout, whichever comes first, and
 * abandons the function: at the function's own timeout Lambda stops it and API Gateway answers the failed invocation
 * with INTEGRATION_FAILURE (502); at the integration timeout API Gateway stops waiting (INTEGRATION_TIMEOUT, 504).
 * Deployed, the GraphQL function's Timeout (28 s) comes first.
 */
class LocalApiGatewayFunctionTimeoutTest {
    private static final String TOKEN = "Bearer token-a.e30.c2ln";
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(29);

    /** Holds a slow handler until the test is over, so that no handler thread outlives its test. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();
    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        release.countDown();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aFunctionPastItsOwnTimeout_isStopped_andAnswered502() throws Exception {
        // GIVEN a function whose timeout (300 ms) comes before the integration timeout, and which never answers
        fixture = GatewayFixture.start(new LocalApiGateway.Config(0, LONG, SHORT), FakeAuthorizer.allowingAll(),
                slowFunction());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN the invocation failed as Lambda fails a timed-out one, and the function was stopped, never finishing
        assertGatewayResponse(response, Refusal.INTEGRATION_FAILURE);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the function was stopped").isTrue();
        assertThat(finished).isFalse();
        assertThat(fixture.accessLog).anySatisfy(line -> assertThat(line).contains("timed out after 300 ms"));
    }

    @Test
    void theIntegrationTimeoutFirst_isA504_andTheFunctionIsStoppedToo() throws Exception {
        // GIVEN an integration timeout (300 ms) before the function's (29 s)
        fixture = GatewayFixture.start(new LocalApiGateway.Config(0, SHORT, LONG), FakeAuthorizer.allowingAll(),
                slowFunction());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_TIMEOUT);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the function was stopped").isTrue();
        assertThat(finished).isFalse();
    }

    @Test
    void aFunctionInsideItsTimeout_isAnswered() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(new LocalApiGateway.Config(0, LONG, Duration.ofSeconds(10)),
                FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FakeGraphql.DATA);
    }

    @Test
    void byDefault_eachFunctionRunsForTheTimeoutTheTemplateGivesIt_belowTheIntegrationTimeout() {
        // WHEN the local stack's configuration and template.yaml's API are read
        LocalApiGateway.Config config = LocalApiGateway.Config.defaults(0);
        ApiDefinition api = GatewayFixture.api(Map.of());

        // THEN no override, and the GraphQL function's 28 s comes before API Gateway's 29 s
        assertThat(config.functionTimeout()).isNull();
        assertThat(api.routes()).extracting(ApiDefinition.Route::integration)
                .filteredOn(ApiDefinition.LambdaProxy.class::isInstance)
                .allSatisfy(integration -> assertThat(((ApiDefinition.LambdaProxy) integration).timeout())
                        .isEqualTo(Duration.ofSeconds(28)).isLessThan(config.integrationTimeout()));
    }

    /** Waits for the end of the test; records being interrupted (stopped) or finishing. */
    private FakeGraphql slowFunction() {
        return FakeGraphql.answering(event -> {
            try {
                release.await(1, TimeUnit.MINUTES);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return new APIGatewayProxyResponseEvent().withStatusCode(200);
        });
    }
}
