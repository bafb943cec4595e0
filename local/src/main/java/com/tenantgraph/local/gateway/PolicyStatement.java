package com.tenantgraph.local.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One statement of an authorizer's IAM policy, evaluated as API Gateway evaluates it for {@code execute-api:Invoke}
 * on a method ARN. Statements with {@code Condition}, {@code NotAction} or {@code NotResource} are not evaluated
 * locally; they fail closed: such an Allow never applies and such a Deny always does.
 */
record PolicyStatement(Effect effect, List<String> actions, List<String> resources, boolean evaluable) {
    private static final String INVOKE_ACTION = "execute-api:Invoke";

    enum Effect { ALLOW, DENY }

    /** The {@code Statement} of a policy document: one statement object or an array of them. */
    static List<PolicyStatement> parseAll(Object statement) throws MalformedAnswerException {
        if (statement instanceof Map<?, ?>) {
            return List.of(parse(statement));
        }
        if (!(statement instanceof List<?> list)) {
            throw new MalformedAnswerException("policyDocument.Statement is neither an object nor an array");
        }
        List<PolicyStatement> statements = new ArrayList<>(list.size());
        for (Object element : list) {
            statements.add(parse(element));
        }
        return statements;
    }

    private static PolicyStatement parse(Object value) throws MalformedAnswerException {
        Map<String, Object> statement = JsonValues.object(value, "a policy statement");
        boolean evaluable = isAbsent(statement.get("Condition")) && isAbsent(statement.get("NotAction"))
                && isAbsent(statement.get("NotResource"));
        List<String> actions = evaluable ? JsonValues.stringOrStrings(statement.get("Action"), "Action") : List.of();
        List<String> resources = evaluable
                ? JsonValues.stringOrStrings(statement.get("Resource"), "Resource") : List.of();
        return new PolicyStatement(effect(statement.get("Effect")), actions, resources, evaluable);
    }

    /**
     * IamPolicyResponse writes an unset Condition as null, and an authorizer may send an empty one: IAM treats both as
     * no condition at all.
     */
    private static boolean isAbsent(Object value) {
        return value == null || value instanceof Map<?, ?> map && map.isEmpty();
    }

    private static Effect effect(Object value) throws MalformedAnswerException {
        String effect = JsonValues.string(value, "Effect");
        return switch (effect) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new MalformedAnswerException("Effect is neither Allow nor Deny");
        };
    }

    /** True when this statement allows invoking {@code methodArn}. */
    boolean allows(String methodArn) {
        return effect == Effect.ALLOW && evaluable && covers(methodArn);
    }

    /** True when this statement denies invoking {@code methodArn}. */
    boolean denies(String methodArn) {
        return effect == Effect.DENY && (!evaluable || covers(methodArn));
    }

    private boolean covers(String methodArn) {
        return actions.stream().anyMatch(action -> IamWildcard.matches(action, INVOKE_ACTION, true))
                && resources.stream().anyMatch(resource -> IamWildcard.matches(resource, methodArn, false));
    }
}
