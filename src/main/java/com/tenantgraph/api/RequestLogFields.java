package com.tenantgraph.api;

import org.slf4j.Logger;

/**
 * The fields of the one log line written per request: request id, tenant, user, operation, duration, status and
 * outcome. Never the token, the query text or the variables (they may hold personal data).
 */
final class RequestLogFields {
    final String requestId;
    String tenantId;
    String userId;
    String operation;
    String outcome = "OK";
    int status;
    int errorCount;

    RequestLogFields(String requestId) {
        this.requestId = requestId;
    }

    void write(Logger logger, long durationMs) {
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
}
