package com.tenantgraph.pipeline;

import java.util.Map;

/** A well-formed GraphQL-over-HTTP request: the parts graphql-java executes. */
record GraphQlRequest(String query, String operationName, Map<String, Object> variables, boolean viaGet) {
}
