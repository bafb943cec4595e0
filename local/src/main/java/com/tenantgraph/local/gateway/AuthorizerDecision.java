package com.tenantgraph.local.gateway;

import java.util.Map;

/**
 * The authorizer step's result for one request: its outcome, whether it came from the cache, the policy that allowed
 * it (ALLOW only), and for refusals a reason for the access log (never the token, never the authorizer's message).
 */
record AuthorizerDecision(AuthorizerOutcome outcome, boolean cached, AuthorizerPolicy policy, String reason) {
    static final AuthorizerDecision NOT_CALLED = new AuthorizerDecision(AuthorizerOutcome.NOT_CALLED, false, null, null);

    static AuthorizerDecision evaluate(AuthorizerPolicy policy, String methodArn, boolean cached) {
        return policy.allows(methodArn)
                ? new AuthorizerDecision(AuthorizerOutcome.ALLOW, cached, policy, null)
                : new AuthorizerDecision(AuthorizerOutcome.DENY, cached, null, "the policy does not allow " + methodArn);
    }

    static AuthorizerDecision refused(AuthorizerOutcome outcome, String reason) {
        return new AuthorizerDecision(outcome, false, null, reason);
    }

    boolean allowed() {
        return outcome == AuthorizerOutcome.ALLOW;
    }

    /** {@code requestContext.authorizer} for the integration; only for an allowed request. */
    Map<String, String> requestContextAuthorizer() {
        if (!allowed()) {
            throw new IllegalStateException("no authorizer context for a " + outcome + " request");
        }
        return policy.requestContextAuthorizer();
    }
}
