package com.tenantgraph.api;

import java.util.Map;

/** One HTTP request as the GraphQL Lambda sees it, independent of the Lambda event classes. */
record HttpCall(String requestId, String method, Headers headers, Map<String, String> queryParameters, String body,
                boolean base64Body, Map<String, Object> authorizerContext) {
}
