package com.tenantgraph.pipeline;

import org.slf4j.Logger;

/**
 * The fields of the one log line written per request: request id, tenant, user, operation, duration, status and
 * outcome. Never the token, the query text or the variables (they may hold personal data).
 */
public final class RequestLogFields {
    public final String requestId;
    public String tenantId;
    public String userId;
    public String operation;
    public String outcome = "OK";
    public int status;
    public int errorCount;

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
}
