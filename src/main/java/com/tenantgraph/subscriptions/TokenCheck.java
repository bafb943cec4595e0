package com.tenantgraph.subscriptions;

import com.tenantgraph.authorizer.TokenVerifier;
import com.tenantgraph.authorizer.Verification;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.pipeline.CallerResolver;
import com.tenantgraph.tenancy.Caller;
import java.util.Optional;

/**
 * Who the token of {@code connection_init} names; empty for any token the REST authorizer would answer 401. The one
 * implementation, {@link #authorizer}, is the authorizer's own {@link TokenVerifier} (the same rules, docs/security.md)
 * followed by the same {@link CallerResolver} that reads the authorizer's context over HTTP, so both entry points agree
 * on who is calling; unit tests of the protocol pass a stand-in.
 */
@FunctionalInterface
public interface TokenCheck {
    Optional<Caller> verify(String token);

    static TokenCheck authorizer(TokenVerifier verifier, CallerResolver callers) {
        return token -> {
            if (!(verifier.verify(token) instanceof Verification.Verified verified)) {
                return Optional.empty();
            }
            try {
                return Optional.of(callers.resolve(verified.token().context()));
            } catch (ApiException refused) {
                return Optional.empty();
            }
        };
    }
}
