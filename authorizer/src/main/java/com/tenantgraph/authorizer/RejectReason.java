package com.tenantgraph.authorizer;

import java.util.Locale;

/**
 * Why a token was refused (HTTP 401). One code per rule of the verification policy, logged as {@link #code()} so an
 * operator can tell "expired" from "forged" without the token ever being logged.
 */
public enum RejectReason {
    MISSING_TOKEN,
    TOKEN_TOO_LONG,
    BAD_AUTHORIZATION_HEADER,
    NOT_COMPACT_JWS,
    JWE_NOT_ACCEPTED,
    BAD_BASE64URL,
    BAD_JSON,
    DUPLICATE_MEMBER,
    ALG_NOT_ALLOWED,
    CRIT_NOT_ALLOWED,
    B64_NOT_ALLOWED,
    EMBEDDED_KEY_NOT_ALLOWED,
    JWE_HEADER_NOT_ACCEPTED,
    MISSING_KID,
    UNKNOWN_KID,
    NO_KEYS,
    BAD_SIGNATURE,
    BAD_ISSUER,
    BAD_TOKEN_USE,
    BAD_AUDIENCE,
    BAD_CLIENT_ID,
    MISSING_EXP,
    BAD_EXP,
    EXPIRED,
    BAD_NBF,
    NOT_YET_VALID,
    MISSING_IAT,
    BAD_IAT,
    ISSUED_IN_FUTURE,
    BAD_SUB,
    BAD_TENANT,
    BAD_CLAIM,
    INTERNAL_ERROR;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The stable code written to the decision log. */
    public String code() {
        return code;
    }
}
