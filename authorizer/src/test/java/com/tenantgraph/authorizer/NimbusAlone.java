package com.tenantgraph.authorizer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;

/**
 * nimbus-jose-jwt alone, configured as the authorizer configures it, without the layer of our own: its standard
 * {@link DefaultJWTProcessor} with a {@link JWSVerificationKeySelector} fixed to RS256 over the JWK Set the pool
 * publishes (as nimbus parses it, every key kept) and the authorizer's own claims verifier
 * ({@link ClaimRules#nimbusVerifier}: exact issuer, exp/nbf with the skew, the same clock).
 *
 * <p>A rule of our layer is worth keeping only if nimbus alone accepts a token that the rule refuses; the tests
 * that use this show it, rule by rule.
 */
final class NimbusAlone {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    NimbusAlone(AuthorizerConfig config, Clock clock, String publishedJwks) {
        try {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                    new ImmutableJWKSet<>(JWKSet.parse(publishedJwks))));
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
        processor.setJWTClaimsSetVerifier(ClaimRules.nimbusVerifier(config, clock));
    }

    /** Whether nimbus alone accepts the token; the reason it refuses, as an exception message, otherwise. */
    String verdict(String token) {
        try {
            processor.process(token, null);
            return "accepted";
        } catch (Exception e) {
            return "refused: " + e.getMessage();
        }
    }
}
