package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded-metric-format line: one JSON object on one line, metrics at the top level, text properties escaped. */
class EmbeddedMetricsTest {

    @Test
    void line_isOneJsonObject_withTheMetadataTheMetricsAndTheProperties() throws Exception {
        String line = EmbeddedMetrics.line(1_700_000_000_000L, Map.of("OperationType", "mutation"),
                List.of(new EmbeddedMetrics.Metric("Latency", "Milliseconds", 42)),
                new java.util.LinkedHashMap<>(Map.of("tenantId", "acme\"\n\u2028x", "status", 200)));

        Map<String, Object> parsed = JSON.std.mapFrom(line);

        assertThat(line).doesNotContain("\n");
        assertThat(parsed).containsEntry("OperationType", "mutation").containsEntry("Latency", 42)
                .containsEntry("tenantId", "acme\"\n\u2028x").containsEntry("status", 200)
                .containsEntry("_aws", Map.of("Timestamp", 1_700_000_000_000L, "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", "TenantGraph", "Dimensions", List.of(List.of("OperationType")),
                        "Metrics", List.of(Map.of("Name", "Latency", "Unit", "Milliseconds"))))));
    }

    @Test
    void requestMetrics_leaveOutUnknownProperties_andNeverMakeTheTenantADimension() throws Exception {
        RequestLogFields fields = new RequestLogFields("req-1");
        fields.tenantId = "acme";
        fields.operationType = "query";
        fields.errorCount = 2;
        fields.dynamoDbCalls = 3;
        fields.status = 200;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        fields.writeMetrics(new PrintStream(out, true, StandardCharsets.UTF_8), 5L, 17);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        Map<String, Object> parsed = JSON.std.mapFrom(text);
        assertThat(parsed).containsEntry("tenantId", "acme").containsEntry("Errors", 2).containsEntry("DynamoDbCalls", 3)
                .containsEntry("Latency", 17).doesNotContainKey("userId");
        assertThat(text).contains("\"Dimensions\":[[\"OperationType\"]]");
    }
}
