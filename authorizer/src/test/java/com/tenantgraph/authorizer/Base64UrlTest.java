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
    void isCanonical_acceptsJdkEncoding_forEveryLengthAndByte() {
        // GIVEN byte strings of every length up to 300 and every byte value
        Random random = new Random(42);
        for (int length = 1; length <= 300; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

            // WHEN checked / THEN the one canonical spelling is accepted
            assertThat(Base64Url.isCanonical(encoded)).as(encoded).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zg", "Zm8", "Zm9v", "Zm9vYmFy", "-_8"})
    void isCanonical_acceptsRfc4648Vectors(String text) {
        assertThat(Base64Url.isCanonical(text)).isTrue();
    }

    @Test
    void isCanonical_checksOnlyTheGivenRange() {
        assertThat(Base64Url.isCanonical("==Zm9v==".getBytes(StandardCharsets.US_ASCII), 2, 6)).isTrue();
        assertThat(Base64Url.isCanonical("Zm9v.Zh".getBytes(StandardCharsets.US_ASCII), 5, 7)).isFalse();
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
    void isCanonical_refusesNonStrictText(String text) {
        assertThat(Base64Url.isCanonical(text)).isFalse();
    }
}
