package com.tenantgraph.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The TOKEN authorizer of the REST API: verifies the Cognito JWT in the Authorization header and answers
 * <ul>
 *   <li>an Allow for the whole API and stage with principalId = {@code sub} and the context
 *       (tenantId, userId, username, email, exp, groups) for a valid token;</li>
 *   <li>a Deny (API Gateway answers 403) for a valid token refused by policy;</li>
 *   <li>by throwing {@code RuntimeException("Unauthorized")} (API Gateway answers 401) for anything wrong with the
 *       token.</li>
 * </ul>
 * Every call writes one JSON line to the log sink; the token itself is never logged.
 *
 * <p>This class is the composition root: the no-argument constructor, used by the Lambda runtime, reads the
 * environment and starts the {@link TokenVerifier} (which loads the JWKS and runs the verification code once during
 * init), so the first request pays for neither. The Authorization header's own rules (length first, then
 * {@code Bearer <token>}) are checked here; everything about the token is the verifier's.
 */
public final class TokenAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {

    private static final String UNAUTHORIZED = "Unauthorized";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final DecisionLog log;
    private final int maxHeaderLength;

    /** For the Lambda runtime: configuration from the environment, logs to standard output. */
    public TokenAuthorizerHandler() {
        this(AuthorizerConfig.fromEnvironment(System.getenv()));
    }

    /** For tests and the local API Gateway: logs to standard output, system clock. */
    public TokenAuthorizerHandler(AuthorizerConfig config) {
        this(config, LogSink.standardOutput(), Clock.systemUTC());
    }

    /**
     * With every dependency explicit: tests capture the log and move the clock.
     *
     * @param config  the validated configuration
     * @param logSink receives one JSON line per decision and per JWKS fetch
     * @param clock   decides token expiry and the JWKS refresh interval
     */
    public TokenAuthorizerHandler(AuthorizerConfig config, LogSink logSink, Clock clock) {
        this.log = new DecisionLog(logSink);
        this.maxHeaderLength = BEARER.length() + config.maxTokenLength();
        this.verifier = TokenVerifier.start(config, logSink, clock);
        prime();
    }

    /** Runs the steps around verification once during init (nothing logged), so the first request runs warm code. */
    private void prime() {
        ApiArn.apiWideResource("arn:aws:execute-api:us-east-1:123456789012:prime/prime/GET/");
        new DecisionLog(line -> { }).decision(Decision.Unauthorized.of(RejectReason.INTERNAL_ERROR), "prime");
        policy("prime", IamPolicyResponse.DENY, "*", Map.of());
    }

    @Override
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        Decision decision = decide(event);
        log.decision(decision, context == null ? null : context.getAwsRequestId());
        if (decision instanceof Decision.Allow allow) {
            return policy(allow.token().sub(), IamPolicyResponse.ALLOW, allow.resource(), allow.token().context());
        }
        if (decision instanceof Decision.Deny deny) {
            return policy(deny.token().sub(), IamPolicyResponse.DENY, "*", Map.of());
        }
        throw new RuntimeException(UNAUTHORIZED);
    }

    /** Decides without throwing: every failure, expected or not, is a Decision. */
    Decision decide(APIGatewayCustomAuthorizerEvent event) {
        if (event == null) {
            return Decision.Unauthorized.of(RejectReason.MISSING_TOKEN);
        }
        RejectReason headerProblem = authorizationHeaderProblem(event.getAuthorizationToken());
        if (headerProblem != null) {
            return Decision.Unauthorized.of(headerProblem);
        }
        Verification verification = verifier.verify(event.getAuthorizationToken().substring(BEARER.length()));
        if (verification instanceof Verification.Rejected rejected) {
            return new Decision.Unauthorized(rejected);
        }
        Verification.Verified verified = (Verification.Verified) verification;
        String resource = ApiArn.apiWideResource(event.getMethodArn());
        if (resource == null) {
            return new Decision.Deny(verified.token(), DenyReason.UNSCOPABLE_METHOD_ARN);
        }
        return new Decision.Allow(verified.token(), resource, verified.cached());
    }

    /**
     * {@code Bearer <token>}: length checked first, then the scheme in any case, one space, one token, nothing else.
     * Only spaces need a scan here: any other character outside the base64url alphabet and '.' fails the token's
     * strict decoding.
     *
     * @return the broken rule, or {@code null} for a header of the right shape
     */
    private RejectReason authorizationHeaderProblem(String authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return RejectReason.MISSING_TOKEN;
        }
        if (authorization.length() > maxHeaderLength) {
            return RejectReason.TOKEN_TOO_LONG;
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.indexOf(' ', BEARER.length()) >= 0) {
            return RejectReason.BAD_AUTHORIZATION_HEADER;
        }
        return null;
    }

    private static IamPolicyResponse policy(String principalId, String effect, String resource,
                                            Map<String, Object> context) {
        IamPolicyResponse.Statement statement = IamPolicyResponse.Statement.builder()
                .withAction(IamPolicyResponse.EXECUTE_API_INVOKE)
                .withEffect(effect)
                .withResource(List.of(resource))
                // An explicit empty Condition: the event class copies a null one into the policy as "Condition": null.
                .withCondition(Map.of())
                .build();
        return IamPolicyResponse.builder()
                .withPrincipalId(principalId)
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(context)
                .build();
    }
}
