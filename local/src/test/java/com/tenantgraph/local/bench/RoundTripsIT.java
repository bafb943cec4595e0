package com.tenantgraph.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.api.AppConfig;
import com.tenantgraph.api.Application;
import com.tenantgraph.api.GraphQlHandler;
import com.tenantgraph.data.AwsClients;
import com.tenantgraph.data.Table;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.pipeline.QueryLimits;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/performance.md: a nested read costs one sequential DynamoDB round trip per level, the Queries of one level
 * issued side by side. The bench measures the latency of {@link BenchData#NESTED_QUERY}; this test counts its round
 * trips exactly, through the same recorder, each call held 150 ms before it is sent so that calls meant to run side by
 * side overlap whatever the machine's load.
 */
@ExtendWith(SharedMoto.class)
class RoundTripsIT {

    @Test
    void theNestedQuery_costsOneSequentialRoundTripPerLevel(Table table) {
        // GIVEN three projects of two tasks, each assigned, behind a client whose calls are recorded
        RoundTrips recorder = new RoundTrips(150);
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        GraphQlHandler handler = new GraphQlHandler(new Application(new AppConfig(table.name(), true,
                QueryLimits.defaults()), AwsClients.dynamoDb(AwsClients.Settings.local(endpoint, "us-east-1",
                AwsClients.Timeouts.GRAPHQL).with(recorder)), Clock.systemUTC()));
        BenchData data = BenchData.seed(table, handler, "trips-" + Long.toHexString(System.nanoTime()), 3, 2);
        recorder.clear();

        // WHEN me, tenant, projects and each project's tasks with their assignees are read in one request
        String body = data.call(handler, BenchData.NESTED_QUERY);

        // THEN every task came back, in three sequential round trips: the membership, me and tenant in one
        // BatchGetItem beside the projects' Query; the three task Queries side by side; the assignees' BatchGetItem
        assertThat(body.split("\"title\"", -1)).hasSize(3 * 2 + 1);
        assertThat(recorder.count("Query")).isEqualTo(1 + 3);
        assertThat(recorder.sequential()).as("%s", recorder.calls()).isEqualTo(BenchData.NESTED_QUERY_LEVELS);
    }
}
