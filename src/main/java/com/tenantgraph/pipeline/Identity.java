package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.Caller;

/**
 * The caller of a request as the edge read it from the authorizer's context: either a verified {@link Caller} or the
 * reason it was refused (UNAUTHENTICATED). The edge parses once; the pipeline only asks {@link #caller()}, after it
 * has answered what comes first (an unacceptable {@code Accept}, a malformed request).
 */
public record Identity(Caller verified, ApiException refusal) {
    public Identity {
        if ((verified == null) == (refusal == null)) {
            throw new IllegalArgumentException("exactly one of verified and refusal");
        }
    }

    public static Identity of(Caller caller) {
        return new Identity(caller, null);
    }

    public static Identity refused(ApiException refusal) {
        return new Identity(null, refusal);
    }

    /** The verified caller; throws the refusal when there is none. */
    public Caller caller() {
        if (refusal != null) {
            throw refusal;
        }
        return verified;
    }
}
