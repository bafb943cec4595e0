package com.tenantgraph.authorizer;

import java.util.Locale;

/** Why a valid token was refused by policy (HTTP 403). */
enum DenyReason {
    /**
     * The event's methodArn is not an execute-api ARN of one API and stage, so no API-wide Allow can be scoped to
     * it. The authorizer never widens an Allow to "every API" to make up for a malformed ARN.
     */
    UNSCOPABLE_METHOD_ARN;

    private final String code = name().toLowerCase(Locale.ROOT);

    String code() {
        return code;
    }
}
