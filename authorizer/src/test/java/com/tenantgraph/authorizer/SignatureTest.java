package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.TestTokens.segments;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signature: by the pool's key named by kid, over exactly these header and payload segments. */
class SignatureTest {

    private final AuthorizerFixture fx = new AuthorizerFixture();

    @BeforeEach
    void start() {
        fx.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void verify_rejectsToken_whenSignedByAttackerKeyWithPoolKid() {
        // GIVEN a token naming the pool's kid but signed with someone else's RSA-2048 key
        String token = fx.tokens.idToken().signedWith(TestKeys.ATTACKER.getPrivate()).build();

        // WHEN authorized / THEN 401; the log names the (known) kid, nothing of the token
        fx.assertUnauthorized(token, RejectReason.BAD_SIGNATURE);
        assertThat(fx.log.lastDecision()).contains("\"kid\":\"" + TestKeys.POOL_KID + "\"");
    }

    @Test
    void verify_rejectsToken_whenItsHeaderIsOneAlreadyVerified() {
        // GIVEN a valid token allowed first, so its header's checks are remembered
        assertThat(fx.authorize(fx.tokens.idToken().build()).getPrincipalId()).isEqualTo(TestTokens.SUB);

        // WHEN tokens with that very header are signed by another key, or carry another token's payload
        String forged = fx.tokens.idToken().claim("jti", "forged").signedWith(TestKeys.ATTACKER.getPrivate()).build();
        String[] parts = segments(fx.tokens.idToken().claim("jti", "other").build());
        String otherPayload = segments(fx.tokens.idToken().claim("custom:tenantId", "t-victim").build())[1];

        // THEN the signature is still checked for each
        assertThat(segments(forged)[0]).isEqualTo(parts[0]);
        fx.assertUnauthorized(forged, RejectReason.BAD_SIGNATURE);
        fx.assertUnauthorized(parts[0] + "." + otherPayload + "." + parts[2], RejectReason.BAD_SIGNATURE);
    }

    @Test
    void verify_rejectsToken_whenPayloadTampered() {
        // GIVEN a valid token whose payload is swapped for one claiming another tenant
        String valid = fx.tokens.idToken().build();
        String otherPayload = segments(fx.tokens.idToken().claim("custom:tenantId", "t-victim").build())[1];
        String[] parts = segments(valid);
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];

        fx.assertUnauthorized(tampered, RejectReason.BAD_SIGNATURE);
    }

    @Test
    void verify_rejectsToken_whenHeaderTampered() {
        String[] parts = segments(fx.tokens.idToken().build());
        String otherHeader = segments(fx.tokens.idToken().header("typ", "JWT").build())[0];

        fx.assertUnauthorized(otherHeader + "." + parts[1] + "." + parts[2], RejectReason.BAD_SIGNATURE);
    }

    @Test
    void verify_rejectsToken_whenSignatureStripped() {
        String[] parts = segments(fx.tokens.idToken().build());
        fx.assertUnauthorized(parts[0] + "." + parts[1] + ".", RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenSignatureFromAnotherToken() {
        // GIVEN the signature of another genuine pool token pasted onto this one
        String[] mine = segments(fx.tokens.idToken().claim("cognito:groups", java.util.List.of("ADMIN")).build());
        String[] foreign = segments(fx.tokens.idToken().build());

        fx.assertUnauthorized(mine[0] + "." + mine[1] + "." + foreign[2], RejectReason.BAD_SIGNATURE);
    }

    @Test
    void verify_rejectsToken_whenSignatureTruncated() {
        String[] parts = segments(fx.tokens.idToken().build());
        fx.assertUnauthorized(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40),
                RejectReason.BAD_SIGNATURE);
    }
}
