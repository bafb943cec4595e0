package com.tenantgraph.authorizer;

/**
 * A token broke a rule. Internal to verification ({@link TokenVerifier#verify(String)} turns it into a
 * {@link Verification.Rejected}); it has no stack trace, no cause, and no message but the reason code, so nothing of
 * the token can leak through it.
 */
final class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final String kid;
    private final String tokenUse;

    TokenRejectedException(RejectReason reason, String kid, String tokenUse) {
        super(reason.code(), null, false, false);
        this.reason = reason;
        this.kid = kid;
        this.tokenUse = tokenUse;
    }

    TokenRejectedException(RejectReason reason) {
        this(reason, null, null);
    }

    Verification.Rejected toRejected() {
        return new Verification.Rejected(reason, kid, tokenUse);
    }
}
