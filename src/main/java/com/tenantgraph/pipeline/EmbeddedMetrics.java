package com.tenantgraph.pipeline;

import com.tenantgraph.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Writes one CloudWatch embedded-metric-format (EMF) document as a single JSON line: CloudWatch Logs turns the named
 * members into metrics of {@link #NAMESPACE} with the listed dimensions, and keeps every other member as a searchable
 * property of the log event (so a tenant id is a property, queryable in Logs Insights, never a billed dimension).
 * A small writer of our own rather than a library: the format is one object, and the function's jar stays lean.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">EMF specification</a>
 */
final class EmbeddedMetrics {
    static final String NAMESPACE = "TenantGraph";

    /** A metric of the document: name, CloudWatch unit, value. */
    record Metric(String name, String unit, long value) {
    }

    private EmbeddedMetrics() {
    }

    /**
     * The line for {@code metrics} with one dimension set, made of {@code dimensions} (name to value, few values each);
     * {@code properties} are written as strings or numbers, nulls left out.
     */
    static String line(long timestampMillis, Map<String, String> dimensions, List<Metric> metrics,
                       Map<String, Object> properties) {
        StringBuilder json = new StringBuilder(512).append("{\"_aws\":{\"Timestamp\":").append(timestampMillis)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        string(json, NAMESPACE).append(",\"Dimensions\":[[");
        String separator = "";
        for (String dimension : dimensions.keySet()) {
            string(json.append(separator), dimension);
            separator = ",";
        }
        json.append("]],\"Metrics\":[");
        separator = "";
        for (Metric metric : metrics) {
            json.append(separator).append("{\"Name\":");
            string(json, metric.name()).append(",\"Unit\":");
            string(json, metric.unit()).append('}');
            separator = ",";
        }
        json.append("]}]}");
        dimensions.forEach((name, value) -> string(string(json.append(','), name).append(':'), value));
        metrics.forEach(metric -> string(json.append(','), metric.name()).append(':').append(metric.value()));
        properties.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            string(json.append(','), name).append(':');
            if (value instanceof Number number) {
                json.append(number);
            } else {
                string(json, value.toString());
            }
        });
        return json.append('}').toString();
    }

    private static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        Json.escape(json, value);
        return json.append('"');
    }
}
