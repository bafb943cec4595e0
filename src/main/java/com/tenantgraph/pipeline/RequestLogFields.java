package com.tenantgraph.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The fields of the one log line written per request: request id, tenant, user, operation, duration, status and
 * outcome; and the request's metrics line beside it ({@link #writeMetrics}). Never the token, the query text or the
 * variables (they may hold personal data).
 */
public final class RequestLogFields {
    public final String requestId;
    public String tenantId;
    public String userId;
    public String operation;
    /** query, mutation, subscription, or none (the request did not get as far as a valid operation). */
    public String operationType = "none";
    public String outcome = "OK";
    public int status;
    public int errorCount;
    public long dynamoDbCalls;

    public RequestLogFields(String requestId) {
        this.requestId = requestId;
    }

    public void write(Logger logger, long durationMs) {
        logger.atInfo()
                .addKeyValue("requestId", requestId)
                .addKeyValue("tenantId", tenantId)
                .addKeyValue("userId", userId)
                .addKeyValue("operation", operation == null ? "(anonymous)" : operation)
                .addKeyValue("durationMs", durationMs)
                .addKeyValue("status", status)
                .addKeyValue("outcome", outcome)
                .addKeyValue("errorCount", errorCount)
                .log("request");
    }

    /**
     * The request's metrics, one embedded-metric-format line beside the log line, on stdout (CloudWatch Logs in
     * Lambda): namespace TenantGraph, dimension OperationType (a handful of values), metrics Latency (ms), Errors (the
     * response's error count) and DynamoDbCalls; requestId, tenantId, userId, operationName, status and outcome are
     * properties. Always written, whatever the log level: metrics are not diagnostics.
     */
    public void writeMetrics(PrintStream out, long timestampMillis, long durationMs) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("requestId", requestId);
        properties.put("tenantId", tenantId);
        properties.put("userId", userId);
        properties.put("operationName", operation);
        properties.put("status", status);
        properties.put("outcome", outcome);
        out.println(EmbeddedMetrics.line(timestampMillis, Map.of("OperationType", operationType), List.of(
                new EmbeddedMetrics.Metric("Latency", "Milliseconds", durationMs),
                new EmbeddedMetrics.Metric("Errors", "Count", errorCount),
                new EmbeddedMetrics.Metric("DynamoDbCalls", "Count", dynamoDbCalls)), properties));
    }
}
