package com.tenantgraph.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.data.Table;
import com.tenantgraph.local.FreshJvm;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request metrics as CloudWatch would read them: the GraphQL function runs as Lambda runs it (a fresh JVM, the
 * handler's no-argument constructor, the template's environment) against moto, and this test reads the
 * embedded-metric-format lines from its log: one per request, namespace TenantGraph, the operation type the only
 * dimension, Latency, Errors and DynamoDbCalls as metrics, the tenant a property only.
 */
@ExtendWith(SharedMoto.class)
class RequestMetricsIT {

    @Test
    void everyRequest_writesOneEmbeddedMetricLine_withTheTenantAsAPropertyOnly(Table table) throws Exception {
        // GIVEN a tenant with an ADMIN in the table
        TenantId tenant = TenantId.of("metrics-probe");
        UserId user = UserId.of("metrics-user");
        ColdStartProbe.seedAdmin(table, tenant, user);
        URI endpoint = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();

        // WHEN the function answers a query, a mutation and an invalid query
        ProcessBuilder builder = FreshJvm.of(MetricsProbe.class, tenant.value(), user.value());
        builder.environment().putAll(ColdStartProbe.lambdaEnvironment(table.name(), endpoint));
        builder.environment().put("LOG_LEVEL", "INFO");
        String log = FreshJvm.run(builder);
        assertThat(log).as(log).contains("done");

        // THEN its log holds one metrics line per request, beside the request's log line
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        log.lines().filter(line -> line.startsWith("{\"_aws\"")).map(RequestMetricsIT::parse)
                .forEach(line -> metrics.put((String) line.get("requestId"), line));
        System.out.println("EMF lines: " + metrics.values());
        assertThat(metrics).containsOnlyKeys("metrics-TenantName", "metrics-NewProject", "metrics-Broken");
        assertThat(log.lines().filter(line -> line.contains("\"logger\":\"tenantgraph.request\"")
                && line.contains("\"requestId\":\"metrics-"))).hasSize(3);

        for (Map<String, Object> line : metrics.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> aws = (Map<String, Object>) line.get("_aws");
            assertThat(aws.get("CloudWatchMetrics")).isEqualTo(List.of(Map.of("Namespace", "TenantGraph",
                    "Dimensions", List.of(List.of("OperationType")),
                    "Metrics", List.of(Map.of("Name", "Latency", "Unit", "Milliseconds"),
                            Map.of("Name", "Errors", "Unit", "Count"),
                            Map.of("Name", "DynamoDbCalls", "Unit", "Count")))));
            assertThat(aws.get("Timestamp")).isInstanceOf(Number.class);
            assertThat(((Number) line.get("Latency")).longValue()).isNotNegative();
            assertThat(line).containsEntry("tenantId", tenant.value()).containsEntry("userId", user.value());
        }
        // the query's membership and tenant reads go out in one BatchGetItem; the create is one transaction after it
        assertThat(metrics.get("metrics-TenantName")).containsEntry("OperationType", "query")
                .containsEntry("operationName", "TenantName").containsEntry("Errors", 0)
                .containsEntry("DynamoDbCalls", 1).containsEntry("status", 200).containsEntry("outcome", "OK");
        assertThat(metrics.get("metrics-NewProject")).containsEntry("OperationType", "mutation")
                .containsEntry("Errors", 0).containsEntry("DynamoDbCalls", 2);
        assertThat(metrics.get("metrics-Broken")).containsEntry("OperationType", "query")
                .containsEntry("Errors", 1).containsEntry("outcome", "BAD_USER_INPUT").containsEntry("DynamoDbCalls", 1);
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
