package com.tenantgraph.local.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TOKEN authorizer's answer as API Gateway reads and caches it: the principal, the IAM policy (evaluated against
 * each request's method ARN, cached or not) and the context, whose values must be strings, numbers or booleans and
 * reach the integration as strings (REST APIs stringify them).
 */
record AuthorizerPolicy(String principalId, List<PolicyStatement> statements, Map<String, String> context) {

    /** Reads the authorizer's JSON answer; anything API Gateway would refuse is a {@link MalformedAnswerException}. */
    static AuthorizerPolicy parse(byte[] answer) throws MalformedAnswerException {
        Map<String, Object> root = JsonValues.object(JsonValues.parse(answer), "the authorizer answer");
        String principalId = JsonValues.string(root.get("principalId"), "principalId");
        Map<String, Object> document = JsonValues.object(root.get("policyDocument"), "policyDocument");
        List<PolicyStatement> statements = PolicyStatement.parseAll(document.get("Statement"));
        return new AuthorizerPolicy(principalId, statements, stringContext(root.get("context")));
    }

    private static Map<String, String> stringContext(Object value) throws MalformedAnswerException {
        Map<String, String> context = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : JsonValues.optionalObject(value, "context").entrySet()) {
            if (!JsonValues.isPrimitive(entry.getValue())) {
                throw new MalformedAnswerException("context value " + entry.getKey()
                        + " is not a string, number or boolean");
            }
            context.put(entry.getKey(), String.valueOf(entry.getValue()));
        }
        return Collections.unmodifiableMap(context);
    }

    /** IAM's rule: an explicit Deny wins, else an Allow must cover the ARN, else the request is denied. */
    boolean allows(String methodArn) {
        return statements.stream().noneMatch(statement -> statement.denies(methodArn))
                && statements.stream().anyMatch(statement -> statement.allows(methodArn));
    }

    /** {@code requestContext.authorizer} of the proxy event: the context as strings, plus the principal id. */
    Map<String, String> requestContextAuthorizer() {
        Map<String, String> authorizer = new LinkedHashMap<>(context);
        authorizer.put("principalId", principalId);
        return authorizer;
    }
}
