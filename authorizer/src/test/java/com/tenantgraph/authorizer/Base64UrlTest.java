package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict, canonical base64url (RFC 4648 §5, no padding). */
class Base64UrlTest {

    @Test
    void decode_matchesJdkEncoder_forEveryLengthAndByte() {
        // GIVEN byte strings of every length up to 300 and every byte value
        Random random = new Random(42);
        for (int length = 1; length <= 300; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            // WHEN decoded strictly / THEN the bytes come back
            assertThat(Base64Url.decode(encoded)).isEqualTo(bytes);
        }
    }

    @Test
    void decode_readsRfc4648Vectors() {
        assertThat(Base64Url.decode("Zg")).isEqualTo("f".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64Url.decode("Zm8")).isEqualTo("fo".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64Url.decode("Zm9v")).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64Url.decode("Zm9vYmFy")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64Url.decode("-_8")).isEqualTo(new byte[] {(byte) 0xfb, (byte) 0xff});
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",          // nothing
        "Z",         // 4n+1 characters encode nothing
        "Zm9vY",
        "Zg==",      // padding
        "Zm8=",
        "Zh",        // non-canonical: unused bits set ('h' = 0b100001)
        "Zm9",       // non-canonical: unused bits set ('9' = 0b111101)
        "+_8",       // standard alphabet
        "-/8",
        "Zm9v ",     // whitespace
        "Zm\n9v",
        "Zm9v\u00e9",
        "Zm.v",
    })
    void decode_refusesNonStrictText(String text) {
        assertThat(Base64Url.decode(text)).isNull();
    }
}
