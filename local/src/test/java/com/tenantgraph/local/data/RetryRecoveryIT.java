package com.tenantgraph.local.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Table;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recovery after a DynamoDB outage, measured: a TCP proxy in front of moto refuses connections for a burst of calls,
 * then lets them through again, and every call after that meets one transient HTTP 500 on its first attempt (what moto
 * and DynamoDB answer now and then). The client of {@link AwsClients} (standard retries, no retry quota) recovers at
 * once: no call fails after the outage. Beside it, in the same run, the SDK's default standard strategy (with its retry
 * quota) shows the failure this policy removes: the outage spends the quota, so the transient errors after recovery
 * are not retried. Each client also runs the same calls without any outage first (the control). The figures are
 * printed; the assertions are on counts only.
 */
@ExtendWith(SharedMoto.class)
class RetryRecoveryIT {
    private static final int THREADS = 8;
    private static final int CONTROL_CALLS = 20;
    private static final int OUTAGE_CALLS = 80;
    private static final int RECOVERY_CALLS = 20;

    @Test
    void afterAnOutage_transientErrorsAreRetried_fromTheFirstCall(Table table) throws Exception {
        URI moto = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        try (TcpProxy deployedProxy = TcpProxy.to(moto); TcpProxy quotaProxy = TcpProxy.to(moto)) {
            FirstAttemptFails deployedFaults = new FirstAttemptFails();
            FirstAttemptFails quotaFaults = new FirstAttemptFails();
            try (DynamoDbClient deployed = AwsClients.dynamoDb(AwsClients.Settings.local(deployedProxy.endpoint(),
                    "us-east-1", AwsClients.Timeouts.GRAPHQL).with(deployedFaults));
                 DynamoDbClient withQuota = sdkDefaultStrategy(quotaProxy.endpoint(), quotaFaults)) {

                Figures ours = run(deployed, deployedProxy, deployedFaults, table.name());
                Figures sdkDefault = run(withQuota, quotaProxy, quotaFaults, table.name());

                System.out.printf("retry recovery (calls failed): AwsClients policy %s; SDK default with retry quota %s%n",
                        ours, sdkDefault);
                assertThat(ours).isEqualTo(new Figures(0, OUTAGE_CALLS, 0));
                assertThat(sdkDefault.control()).isZero();
                assertThat(sdkDefault.outage()).isEqualTo(OUTAGE_CALLS);
                assertThat(sdkDefault.recovery()).as("the quota policy fails after recovery (the test can tell)")
                        .isPositive();
            }
        }
    }

    /** Failed calls: without a fault (first attempts failing once), during the outage, right after it. */
    record Figures(int control, int outage, int recovery) {
        @Override
        public String toString() {
            return "control " + control + "/" + CONTROL_CALLS + ", outage " + outage + "/" + OUTAGE_CALLS
                    + ", after recovery " + recovery + "/" + RECOVERY_CALLS;
        }
    }

    private static Figures run(DynamoDbClient client, TcpProxy proxy, FirstAttemptFails faults, String table)
            throws Exception {
        faults.armed.set(true);
        int control = failures(client, table, CONTROL_CALLS);
        faults.armed.set(false);
        proxy.refuse();
        int outage = failures(client, table, OUTAGE_CALLS);
        proxy.accept();
        faults.armed.set(true);
        int recovery = failures(client, table, RECOVERY_CALLS);
        return new Figures(control, outage, recovery);
    }

    /** Makes {@code calls} GetItem calls on {@value #THREADS} threads; returns how many failed. */
    private static int failures(DynamoDbClient client, String table, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> {
                    try {
                        client.getItem(get -> get.tableName(table).key(Map.of("PK", AttributeValue.fromS("retry"),
                                "SK", AttributeValue.fromS("probe"))));
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                }));
            }
            int failed = 0;
            for (Future<Boolean> result : results) {
                failed += result.get() ? 0 : 1;
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The baseline: the same client, but the SDK's default standard strategy, retry quota included. */
    private static DynamoDbClient sdkDefaultStrategy(URI endpoint, ExecutionInterceptor faults) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(AwsClients.Timeouts.GRAPHQL.attempt()))
                .overrideConfiguration(config -> config.apiCallAttemptTimeout(AwsClients.Timeouts.GRAPHQL.attempt())
                        .apiCallTimeout(AwsClients.Timeouts.GRAPHQL.call())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(AwsClients.Timeouts.GRAPHQL.maxAttempts()).build())
                        .addExecutionInterceptor(faults))
                .build();
    }

    /** When armed, the first attempt of every call gets HTTP 500 (a transient server error); later attempts pass. */
    private static final class FirstAttemptFails implements ExecutionInterceptor {
        private static final ExecutionAttribute<Boolean> FAILED_ONCE = new ExecutionAttribute<>("retryProbeFailedOnce");
        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            if (!armed.get() || Boolean.TRUE.equals(attributes.getAttribute(FAILED_ONCE))) {
                return context.httpResponse();
            }
            attributes.putAttribute(FAILED_ONCE, true);
            return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error").build();
        }
    }
}
