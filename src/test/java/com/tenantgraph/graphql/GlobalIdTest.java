package com.tenantgraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobalIdTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String USER_ID = GlobalId.encode("User", "0f8fad5b-d9cb-469f-a165-70867728950e");

    private static ApiException refusal(String id, String field) {
        return catchThrowableOfType(ApiException.class, () -> GlobalId.decode(id, field));
    }

    private static String base64Url(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBadInputOn(ApiException refused, String field) {
        assertThat(refused).as("refusal").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(refused.extensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", field);
        assertThat(refused.getMessage()).isEqualTo("Malformed id");
    }

    @Test
    void encodeThenDecode_givesBackTypeAndKeyParts() {
        // GIVEN an id of a user and one with a two-part key
        String user = GlobalId.encode("User", "u-1");
        String task = GlobalId.encode("Task", "p1", "42");

        // WHEN decoded
        // THEN the same type and parts come back
        assertThat(GlobalId.decode(user, "id")).isEqualTo(new GlobalId("User", List.of("u-1")));
        assertThat(GlobalId.decode(task, "id")).isEqualTo(new GlobalId("Task", List.of("p1", "42")));
    }

    @Test
    void encode_isOpaqueUrlSafeAndStable() {
        // GIVEN a user id
        // WHEN encoded twice
        String first = GlobalId.encode("User", "u-1");

        // THEN the same string, base64url without padding, not showing the raw key
        assertThat(GlobalId.encode("User", "u-1")).isEqualTo(first);
        assertThat(first).matches("[A-Za-z0-9_-]+").doesNotContain("u-1", "User", "=");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void decode_rejects_nullOrEmpty(String id) {
        // GIVEN no id
        // WHEN decoded for argument "nodeId"
        // THEN BAD_USER_INPUT naming the field
        assertBadInputOn(refusal(id, "nodeId"), "nodeId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!!", "not base64 at all", "VXNlcjp1LTE$", "a", "VXNlcjp1LTE\n"})
    void decode_rejects_garbage(String id) {
        // GIVEN something that is not base64url
        // WHEN decoded
        // THEN BAD_USER_INPUT on the field
        assertBadInputOn(refusal(id, "id"), "id");
    }

    static List<String> tamperedIds() {
        String canonical = GlobalId.encode("User", "u-1");
        return List.of(
                canonical + "=",                                            // padding appended
                canonical + "==",
                canonical.replace('-', '+').replace('_', '/') + "+",        // standard alphabet
                canonical.substring(0, canonical.length() - 1),             // truncated
                canonical + "AA",                                           // extended to an impossible length
                "x" + canonical);                                           // shifted
    }

    @ParameterizedTest
    @MethodSource("tamperedIds")
    void decode_rejects_tamperedIds(String id) {
        // GIVEN a real id edited by hand
        // WHEN decoded
        // THEN BAD_USER_INPUT on the field
        assertBadInputOn(refusal(id, "id"), "id");
    }

    @Test
    void decode_rejects_nonCanonicalBase64_thatDecodesToTheSameBytes() {
        // GIVEN an id whose last character differs only in the unused low bits (same bytes, different string)
        String canonical = GlobalId.encode("User", "u-1");
        char last = canonical.charAt(canonical.length() - 1);
        String nonCanonical = canonical.substring(0, canonical.length() - 1)
                + ALPHABET.charAt(ALPHABET.indexOf(last) ^ 1);
        assertThat(Base64.getUrlDecoder().decode(nonCanonical)).isEqualTo(Base64.getUrlDecoder().decode(canonical));

        // WHEN decoded
        // THEN refused: one object has exactly one id
        assertBadInputOn(refusal(nonCanonical, "id"), "id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"User", "User:", ":u-1", "User::u-1", "User:u-1:", ":"})
    void decode_rejects_wellEncodedIdsWithAMissingOrEmptyPart(String raw) {
        // GIVEN valid base64url of a string that is not Type:part[:part]
        // WHEN decoded
        // THEN BAD_USER_INPUT
        assertBadInputOn(refusal(base64Url(raw), "id"), "id");
    }

    @Test
    void decode_rejects_bytesThatAreNotUtf8() {
        // GIVEN base64url of bytes that are not UTF-8 (0xFF)
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {'U', ':', (byte) 0xFF});

        // WHEN decoded
        // THEN BAD_USER_INPUT (the decoded text would not re-encode to the same id)
        assertBadInputOn(refusal(id, "id"), "id");
    }

    @Test
    void decode_rejects_overlongIds_beforeDecodingThem() {
        // GIVEN a well-formed id longer than 512 characters
        String overlong = GlobalId.encode("User", "u".repeat(400));
        assertThat(overlong.length()).isGreaterThan(512);

        // WHEN decoded
        // THEN BAD_USER_INPUT
        assertBadInputOn(refusal(overlong, "ids"), "ids");
    }

    @Test
    void decode_accepts_anIdOfExactly512Characters() {
        // GIVEN a well-formed id of exactly 512 characters (384 bytes: "User:" + 379 characters)
        String id = GlobalId.encode("User", "u".repeat(379));
        assertThat(id).hasSize(512);

        // WHEN decoded
        GlobalId decoded = GlobalId.decode(id, "id");

        // THEN accepted
        assertThat(decoded.keyParts()).containsExactly("u".repeat(379));
    }

    @Test
    void decode_ofARealId_givesTheCognitoSub() {
        // GIVEN the id of a user
        // WHEN decoded
        GlobalId decoded = GlobalId.decode(USER_ID, "id");

        // THEN the type and the sub
        assertThat(decoded.type()).isEqualTo("User");
        assertThat(decoded.keyParts()).containsExactly("0f8fad5b-d9cb-469f-a165-70867728950e");
    }
}
