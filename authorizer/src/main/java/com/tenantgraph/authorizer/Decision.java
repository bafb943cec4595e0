package com.tenantgraph.authorizer;

/**
 * The outcome of one authorizer call. Exactly three shapes, so every caller handles each one:
 * <ul>
 *   <li>{@link Allow}: a valid token; API Gateway gets an Allow for the whole API and stage, plus the context;</li>
 *   <li>{@link Deny}: a valid token refused by policy; API Gateway answers 403;</li>
 *   <li>{@link Unauthorized}: anything wrong with the token; the handler throws "Unauthorized" and API Gateway
 *       answers 401.</li>
 * </ul>
 */
sealed interface Decision permits Decision.Allow, Decision.Deny, Decision.Unauthorized {

    /**
     * @param token    the verified token
     * @param resource the API-wide resource, {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/*}{@code /*}
     * @param cached   whether the verification was served from the verified-token cache
     */
    record Allow(VerifiedToken token, String resource, boolean cached) implements Decision {
    }

    /**
     * @param token  the verified token
     * @param reason the policy rule that refused it
     */
    record Deny(VerifiedToken token, DenyReason reason) implements Decision {
    }

    /**
     * @param rejection why the token was refused, as {@link TokenVerifier} or the handler found it
     */
    record Unauthorized(Verification.Rejected rejection) implements Decision {

        static Unauthorized of(RejectReason reason) {
            return new Unauthorized(Verification.Rejected.of(reason));
        }
    }
}
