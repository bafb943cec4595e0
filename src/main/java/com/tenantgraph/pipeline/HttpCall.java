package com.tenantgraph.pipeline;

import java.util.Map;

/**
 * One HTTP request as the GraphQL Lambda sees it, independent of the Lambda event classes: the caller is already
 * parsed from the authorizer's context at the edge ({@link CallerResolver#identify}).
 */
public record HttpCall(String requestId, String method, Headers headers, Map<String, String> queryParameters,
                       String body, boolean base64Body, Identity identity) {
}
