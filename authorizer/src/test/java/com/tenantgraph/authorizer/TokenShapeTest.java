package com.tenantgraph.authorizer;

import static com.tenantgraph.authorizer.AuthorizerFixture.statement;
import static com.tenantgraph.authorizer.TestTokens.b64;
import static com.tenantgraph.authorizer.TestTokens.segments;
import static com.tenantgraph.authorizer.TestTokens.signSegments;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Authorization header and the compact JWS around the JSON: scheme, one token, length before parsing, three
 * strict base64url parts. Where a lenient reader would accept the token, it is validly signed, so the shape rule
 * alone is what refuses it.
 */
class TokenShapeTest {

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
    void verify_rejectsRequest_whenAuthorizationMissing() {
        // GIVEN no Authorization header at all / WHEN authorized / THEN 401
        fx.assertUnauthorizedHeader(null, RejectReason.MISSING_TOKEN, null);
    }

    @Test
    void verify_rejectsRequest_whenAuthorizationEmpty() {
        fx.assertUnauthorizedHeader("", RejectReason.MISSING_TOKEN, null);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "{token}",                       // no scheme
        "Basic {token}",                 // another scheme
        "Basic dXNlcjpwYXNzd29yZA==",    // HTTP Basic credentials
        "Token {token}",
        "Bearer",                        // scheme only
        "Bearer ",                       // empty token
        "Bearer {token} {token}",        // two tokens
        "Bearer {token},Bearer {token}", // two credentials
        "Bearer  {token}",               // two spaces
        "Bearer\t{token}",               // tab
        " Bearer {token}",               // leading space
        "Bearer {token} ",               // trailing space
        "Bearer: {token}",
        "BearerX {token}",
    })
    void verify_rejectsRequest_whenAuthorizationHeaderMalformed(String shape) {
        // GIVEN a valid token in a header of the wrong shape
        String token = fx.tokens.idToken().build();
        String header = shape.replace("{token}", token);

        // WHEN authorized / THEN 401, because only "Bearer <one token>" is accepted
        fx.assertUnauthorizedHeader(header, RejectReason.BAD_AUTHORIZATION_HEADER, token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void verify_acceptsScheme_inAnyCase(String scheme) {
        // GIVEN a valid token after the scheme in another case
        String token = fx.tokens.idToken().build();

        // WHEN authorized
        var response = fx.handler.handleRequest(AuthorizerFixture.event(scheme + " " + token), null);

        // THEN it is allowed (the scheme is case-insensitive, RFC 7235)
        assertThat(statement(response)).containsEntry("Effect", "Allow");
    }

    @Test
    void verify_rejectsToken_whenLongerThanMaxTokenLength() {
        // GIVEN a validly signed token made longer than MAX_TOKEN_LENGTH (8192) by a padding claim
        String token = fx.tokens.idToken().claim("padding", "x".repeat(8192)).build();

        // WHEN authorized / THEN 401 as too long
        fx.assertUnauthorized(token, RejectReason.TOKEN_TOO_LONG);
    }

    @Test
    void verify_rejectsOversizedHeader_beforeAnyParsing() {
        // GIVEN a huge header that is not even a Bearer header
        String header = "Basic " + "A".repeat(100_000);

        // WHEN authorized / THEN it is refused for its length, the first check, before the scheme is looked at
        fx.assertUnauthorizedHeader(header, RejectReason.TOKEN_TOO_LONG, header);
    }

    @Test
    void verify_rejectsToken_whenTwoParts() {
        String[] parts = segments(fx.tokens.idToken().build());
        fx.assertUnauthorized(parts[0] + "." + parts[1], RejectReason.NOT_COMPACT_JWS);
    }

    @Test
    void verify_rejectsToken_whenOnePart() {
        fx.assertUnauthorized(segments(fx.tokens.idToken().build())[1], RejectReason.NOT_COMPACT_JWS);
    }

    @Test
    void verify_rejectsToken_whenFourParts() {
        String token = fx.tokens.idToken().build();
        fx.assertUnauthorized(token + "." + segments(token)[2], RejectReason.NOT_COMPACT_JWS);
    }

    @Test
    void verify_rejectsToken_whenJwe() {
        // GIVEN a five-part JWE (RSA-OAEP / A256GCM shape)
        String jwe = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"pool-key-1\"}") + "."
                + b64(new byte[256]) + "." + b64(new byte[12]) + "." + b64(new byte[64]) + "." + b64(new byte[16]);

        // WHEN authorized / THEN 401: only signed tokens are accepted, never encrypted ones
        fx.assertUnauthorized(jwe, RejectReason.JWE_NOT_ACCEPTED);
    }

    @Test
    void verify_rejectsToken_whenHeaderSegmentEmpty() {
        String[] parts = segments(fx.tokens.idToken().build());
        fx.assertUnauthorized("." + parts[1] + "." + parts[2], RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenSegmentPadded() {
        // GIVEN a valid token whose signature segment carries '=' padding (a lenient decoder would accept it)
        String token = fx.tokens.idToken().build();

        // WHEN authorized / THEN 401: JWS compact serialization has no padding
        fx.assertUnauthorized(token + "==", RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenPayloadUsesPlusFromStandardAlphabet() {
        // GIVEN a validly signed token whose payload is encoded with the standard alphabet and contains '+'
        String token = signedWithStandardAlphabet('+');

        // WHEN authorized / THEN 401: only the URL-safe alphabet is base64url
        fx.assertUnauthorized(token, RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenPayloadUsesSlashFromStandardAlphabet() {
        String token = signedWithStandardAlphabet('/');
        fx.assertUnauthorized(token, RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenSegmentContainsWhitespace() {
        // GIVEN a valid token with a line break inside its payload segment (what a MIME decoder skips)
        String[] parts = segments(fx.tokens.idToken().build());
        String token = parts[0] + "." + parts[1].substring(0, 10) + "\r\n" + parts[1].substring(10) + "." + parts[2];

        // WHEN authorized / THEN 401: whitespace is not in the base64url alphabet
        fx.assertUnauthorized(token, RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenTrailingNewline() {
        String token = fx.tokens.idToken().build();
        fx.assertUnauthorizedHeader("Bearer " + token + "\n", RejectReason.BAD_BASE64URL, token);
    }

    @Test
    void verify_rejectsToken_whenSignatureSpelledNonCanonically() {
        // GIVEN a valid token whose signature's last character is changed only in its unused low bits:
        // it decodes to the very same signature bytes with a lenient decoder, so the token would verify
        String token = fx.tokens.idToken().build();
        String signature = segments(token)[2];
        assertThat(signature.length() % 4).isEqualTo(2); // 256 bytes: the last character carries 4 unused bits
        String nonCanonical = token.substring(0, token.length() - 1) + flipUnusedBit(token.charAt(token.length() - 1));
        assertThat(Base64.getUrlDecoder().decode(segments(nonCanonical)[2]))
                .isEqualTo(Base64.getUrlDecoder().decode(signature));

        // WHEN authorized / THEN 401: every byte string has exactly one accepted spelling
        fx.assertUnauthorized(nonCanonical, RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenSegmentLengthImpossible() {
        // GIVEN a header segment with one dangling character (4n+1 characters encode no byte string)
        String[] parts = segments(fx.tokens.idToken().build());
        String header = parts[0].length() % 4 == 0 ? parts[0] + "A" : parts[0] + "AAAA".substring(parts[0].length() % 4 - 1);
        assertThat(header.length() % 4).isEqualTo(1);

        fx.assertUnauthorized(signSegments(header, parts[1]), RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenNonAsciiCharacter() {
        String token = fx.tokens.idToken().build();
        fx.assertUnauthorized(token.replaceFirst("\\.", "\u00e9."), RejectReason.BAD_BASE64URL);
    }

    @Test
    void verify_rejectsToken_whenHeaderIsNotJson() {
        String[] parts = segments(fx.tokens.idToken().build());
        fx.assertUnauthorized(signSegments(b64("RS256 pool-key-1"), parts[1]), RejectReason.BAD_JSON);
    }

    @Test
    void verify_rejectsToken_whenHeaderIsJsonArray() {
        String[] parts = segments(fx.tokens.idToken().build());
        fx.assertUnauthorized(signSegments(b64("[{\"alg\":\"RS256\",\"kid\":\"pool-key-1\"}]"), parts[1]),
                RejectReason.BAD_JSON);
    }

    @Test
    void verify_rejectsToken_whenPayloadHasTrailingContent() {
        // GIVEN a validly signed token whose payload is an object followed by more text
        String token = fx.tokens.idToken().rawPayload(fx.tokens.idToken().payloadJson() + "{}").build();

        fx.assertUnauthorized(token, RejectReason.BAD_JSON);
    }

    @Test
    void verify_rejectsToken_whenPayloadIsNotUtf8() {
        // GIVEN a validly signed token whose payload bytes are not valid UTF-8
        String json = fx.tokens.idToken().claim("name", "@@").payloadJson();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf("@@");
        bytes[at] = (byte) 0xC3;  // a lead byte...
        bytes[at + 1] = (byte) 0x28; // ...followed by a non-continuation byte
        String[] parts = segments(fx.tokens.idToken().build());

        fx.assertUnauthorized(signSegments(parts[0], b64(bytes)), RejectReason.BAD_JSON);
    }

    /** A validly signed token whose payload segment is standard base64 containing {@code wanted}. */
    private String signedWithStandardAlphabet(char wanted) {
        Base64.Encoder standard = Base64.getEncoder().withoutPadding();
        for (int n = 0; n < 3; n++) {
            String json = fx.tokens.idToken().claim("pad", "x".repeat(n) + "~~~~~~>>>>>>??????").payloadJson();
            String payload = standard.encodeToString(json.getBytes(StandardCharsets.UTF_8));
            if (payload.indexOf(wanted) >= 0) {
                return signSegments(segments(fx.tokens.idToken().build())[0], payload);
            }
        }
        throw new AssertionError("no payload encoding with " + wanted);
    }

    private static char flipUnusedBit(char last) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(last) | 1);
    }
}
