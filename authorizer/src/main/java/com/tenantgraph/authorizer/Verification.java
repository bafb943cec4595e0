package com.tenantgraph.authorizer;

/**
 * What {@link TokenVerifier#verify(String)} found: a {@link Verified} token or the {@link Rejected} rule it broke.
 * Exactly two shapes, so a caller (the TOKEN authorizer, or any other entry point that receives a pool token) handles
 * both and never has to catch anything.
 */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {

    /**
     * @param token  what the token says, reduced to what the API needs
     * @param cached whether the answer came from the verified-token cache
     */
    record Verified(VerifiedToken token, boolean cached) implements Verification {
    }

    /**
     * @param reason   the rule the token broke
     * @param kid      the key id, only when it names a key of the pool's JWKS (never attacker-chosen text), else
     *                 {@code null}
     * @param tokenUse {@code token_use}, only once the signature was verified, else {@code null}
     */
    record Rejected(RejectReason reason, String kid, String tokenUse) implements Verification {

        public static Rejected of(RejectReason reason) {
            return new Rejected(reason, null, null);
        }
    }
}
