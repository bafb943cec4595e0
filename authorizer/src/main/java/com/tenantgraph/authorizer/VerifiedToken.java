package com.tenantgraph.authorizer;

import java.util.Collections;
import java.util.Map;

/**
 * What a verified token says, reduced to what the authorizer passes on. Built once per distinct token and kept in
 * the verified-token cache until {@code exp}.
 *
 * @param sub       the Cognito user id (principalId and {@code userId})
 * @param tenantId  the tenant claim, already checked against the tenant id pattern
 * @param tokenUse  {@code id} or {@code access}
 * @param kid       the JWKS key that verified the signature
 * @param exp       expiry, epoch seconds
 * @param context   the authorizer context: String, Number and Boolean values only, never null values; owned by
 *                  this record from now on (wrapped, not copied: it is built for it and never touched again)
 */
public record VerifiedToken(String sub, String tenantId, String tokenUse, String kid, long exp, Map<String, Object> context) {

    public VerifiedToken {
        context = Collections.unmodifiableMap(context);
    }
}
