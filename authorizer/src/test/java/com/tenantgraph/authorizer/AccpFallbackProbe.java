package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.TestTokens.segments;

/**
 * Run by {@link SignatureProviderTest} in a fresh JVM whose class path has ACCP's jar for another architecture: starts
 * the authorizer as the tests do (ACCP requested, the default) and prints its provider line, then the outcome and
 * reason code of each of a few tokens, one {@code name=reason} line each.
 */
final class AccpFallbackProbe {

    private AccpFallbackProbe() {
    }

    public static void main(String[] args) {
        try (AuthorizerFixture fx = new AuthorizerFixture().start()) {
            System.out.println(fx.log.lines().get(0));
            long now = fx.clock.instant().getEpochSecond();
            String good = fx.tokens.idToken().build();
            String[] parts = segments(good);
            decide(fx, "good", good);
            decide(fx, "forged", fx.tokens.idToken().signedWith(TestKeys.ATTACKER.getPrivate()).build());
            decide(fx, "tampered", parts[0] + "." + segments(fx.tokens.idToken()
                    .claim("custom:tenantId", "t-victim").build())[1] + "." + parts[2]);
            decide(fx, "expired", fx.tokens.idToken().claim("exp", now - 3600).claim("iat", now - 7200).build());
            decide(fx, "wrong_issuer", fx.tokens.idToken().claim("iss", "https://cognito-idp.example.com/other").build());
            decide(fx, "alg_none", fx.tokens.idToken().header("alg", "none").build());
            decide(fx, "good_again", good);
        }
    }

    private static void decide(AuthorizerFixture fx, String name, String token) {
        try {
            fx.authorize(token);
        } catch (RuntimeException unauthorized) {
            // the reason is in the decision line
        }
        System.out.println(name + "=" + fx.log.lastDecision().replaceAll(".*\"reason\":\"([a-z0-9_]+)\".*", "$1"));
    }
}
