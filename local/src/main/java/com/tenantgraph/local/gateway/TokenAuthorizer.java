package com.tenantgraph.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.lambda.InvocationResult;
import com.tenantgraph.local.lambda.LocalFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway's TOKEN authorizer step: the identity header's value (template.yaml's {@code Identity.Header}), whole,
 * is the token; no token, or one that does not match the {@code Identity.ValidationExpression}, is a 401 without a
 * call (and is not cached); a cached policy answers without a call; otherwise the authorizer
 * function gets a TOKEN event and its answer decides: thrown "Unauthorized" is 401, a policy is cached and evaluated
 * (Allow or 403), anything else is a configuration error (500). Refusals other than Deny are not cached (see
 * docs/local-api-gateway.md).
 */
final class TokenAuthorizer {
    /** The only function error message API Gateway turns into a 401. */
    static final String UNAUTHORIZED_MESSAGE = "Unauthorized";

    private final LocalFunction<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> function;
    private final ApiDefinition.TokenAuthorizer settings;
    private final FunctionRunner runner;
    private final AuthorizerCache cache;
    private final Duration timeout;

    TokenAuthorizer(LocalFunction<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> function,
                    ApiDefinition.TokenAuthorizer settings, FunctionRunner runner, AuthorizerCache cache,
                    Duration timeout) {
        this.function = function;
        this.settings = settings;
        this.runner = runner;
        this.cache = cache;
        this.timeout = timeout;
    }

    AuthorizerDecision authorize(GatewayRequest request, String methodArn) {
        String token = request.lastHeader(settings.identityHeader());
        if (token == null || token.isBlank()) {
            return AuthorizerDecision.refused(AuthorizerOutcome.MISSING_TOKEN,
                    "no " + settings.identityHeader() + " header");
        }
        if (!settings.admits(token)) {
            return AuthorizerDecision.refused(AuthorizerOutcome.INVALID_IDENTITY,
                    "the " + settings.identityHeader() + " header does not match the identity validation expression");
        }
        Optional<AuthorizerPolicy> cached = cache.get(token);
        if (cached.isPresent()) {
            return AuthorizerDecision.evaluate(cached.get(), methodArn, true);
        }
        return callAuthorizer(token, methodArn);
    }

    private AuthorizerDecision callAuthorizer(String token, String methodArn) {
        Optional<InvocationResult> result = runner.invoke(function, tokenEvent(token, methodArn), timeout);
        if (result.isEmpty()) {
            return AuthorizerDecision.refused(AuthorizerOutcome.FAILURE,
                    "the authorizer did not answer within " + timeout.toMillis() + " ms");
        }
        if (result.get() instanceof InvocationResult.FunctionError error) {
            return UNAUTHORIZED_MESSAGE.equals(error.errorMessage())
                    ? AuthorizerDecision.refused(AuthorizerOutcome.UNAUTHORIZED, "the authorizer refused the token")
                    : AuthorizerDecision.refused(AuthorizerOutcome.CONFIGURATION_ERROR,
                            "the authorizer failed with " + error.errorType());
        }
        try {
            AuthorizerPolicy policy = AuthorizerPolicy.parse(result.get().payload());
            cache.put(token, policy);
            return AuthorizerDecision.evaluate(policy, methodArn, false);
        } catch (MalformedAnswerException e) {
            return AuthorizerDecision.refused(AuthorizerOutcome.CONFIGURATION_ERROR, e.getMessage());
        }
    }

    /** What API Gateway sends a TOKEN authorizer: the type, the token and the method ARN, nothing else. */
    private static byte[] tokenEvent(String token, String methodArn) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "TOKEN");
        event.put("authorizationToken", token);
        event.put("methodArn", methodArn);
        try {
            return JSON.std.asBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the authorizer event", e);
        }
    }
}
