package com.tenantgraph.graphql.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorCodecTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final String BINDING = "Project.tasks|project=p1|status=*";
    private static final Map<String, AttributeValue> POSITION = Map.of(
            "GSI1PK", AttributeValue.fromS("TENANT#acme#PROJECT#p1#TASKS"), "GSI1SK", AttributeValue.fromS("0000000003"),
            "PK", AttributeValue.fromS("TENANT#acme#TASK#p1#0000000003"), "SK", AttributeValue.fromS("TASK"));

    private static CursorKeys keys(String... kids) {
        return CursorKeys.of(java.util.Arrays.stream(kids)
                .map(kid -> Map.entry(kid, (kid + "-secret-of-at-least-32-bytes!!!").getBytes())).toList());
    }

    @Test
    void decode_returnsThePosition_ofACursorOfTheSameTenantAndList() {
        CursorCodec codec = new CursorCodec(keys("k1"));
        String cursor = codec.encode(ACME, BINDING, POSITION);
        assertThat(codec.decode(ACME, BINDING, cursor)).isEqualTo(POSITION);
        assertThat(cursor).doesNotContain("acme").matches("[A-Za-z0-9_-]+");
    }

    @Test
    void cursor_revealsNeitherTheKeyLayoutNorTheTenantNorTheIds() {
        // GIVEN the cursor of a task in a project's list (its position is four key attributes full of ids)
        CursorCodec codec = new CursorCodec(keys("k1"));
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(ACME, BINDING, POSITION));

        // WHEN a client decodes it THEN only the version and the key id are readable: no attribute name, key prefix,
        // tenant id, project id or task number
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("TENANT", "acme", "PROJECT", "TASK", "GSI1", "PK", "SK", "p1", "0000000003");
        assertThat(raw).startsWith("\u0002\u0002k1");
    }

    @Test
    void cursor_isDeterministicPerList_andUnlinkableAcrossTenantsAndLists() {
        // GIVEN one position
        CursorCodec codec = new CursorCodec(keys("k1"));

        // THEN the same list gives the same cursor, and another tenant or list an unrelated one of the same length
        String cursor = codec.encode(ACME, BINDING, POSITION);
        assertThat(codec.encode(ACME, BINDING, POSITION)).isEqualTo(cursor);
        String otherTenant = codec.encode(TenantId.of("globex"), BINDING, POSITION);
        String otherList = codec.encode(ACME, "Project.tasks|project=p1|status=DONE", POSITION);
        assertThat(List.of(otherTenant, otherList)).doesNotContain(cursor).allSatisfy(other -> assertThat(
                other.substring(4)).hasSameSizeAs(cursor.substring(4)).isNotEqualTo(cursor.substring(4)));
    }

    @Test
    void decode_refusesEveryCursorWithOneCharacterChanged() {
        // GIVEN a valid cursor
        CursorCodec codec = new CursorCodec(keys("k1"));
        String cursor = codec.encode(ACME, BINDING, POSITION);

        // WHEN any one character is replaced by any other base64url character THEN it is BAD_USER_INPUT on after
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < cursor.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(cursor.charAt(i)) + 1 + i % 63) % 64);
            String tampered = cursor.substring(0, i) + other + cursor.substring(i + 1);
            assertBadAfter(() -> codec.decode(ACME, BINDING, tampered));
        }
    }

    @Test
    void decode_refusesEveryByteFlipped_truncations_andGarbage() {
        CursorCodec codec = new CursorCodec(keys("k1"));
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(ACME, BINDING, POSITION));
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[i] ^= (byte) (1 << bit);
                String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
                assertBadAfter(() -> codec.decode(ACME, BINDING, tampered));
            }
        }
        String cursor = codec.encode(ACME, BINDING, POSITION);
        for (int length = 0; length < cursor.length(); length++) {
            String truncated = cursor.substring(0, length);
            assertBadAfter(() -> codec.decode(ACME, BINDING, truncated));
        }
        assertBadAfter(() -> codec.decode(ACME, BINDING, cursor + "A"));
        assertBadAfter(() -> codec.decode(ACME, BINDING, "not a cursor!"));
        assertBadAfter(() -> codec.decode(ACME, BINDING, cursor + "="));
    }

    @Test
    void decode_refusesACursorOfAnotherTenantFieldOrFilter() {
        CursorCodec codec = new CursorCodec(keys("k1"));
        String cursor = codec.encode(ACME, BINDING, POSITION);
        assertBadAfter(() -> codec.decode(TenantId.of("globex"), BINDING, cursor));
        assertBadAfter(() -> codec.decode(TenantId.of("acme1"), BINDING, cursor));
        assertBadAfter(() -> codec.decode(ACME, "Project.tasks|project=p1|status=DONE", cursor));
        assertBadAfter(() -> codec.decode(ACME, "Project.tasks|project=p2|status=*", cursor));
        assertBadAfter(() -> codec.decode(ACME, "User.assignedTasks|user=u1|status=*", cursor));
    }

    @Test
    void rotation_keepsOldCursorsValid_whileTheOldKeyIsListed_andRefusesThemAfter() {
        // GIVEN a cursor signed with k1
        String old = new CursorCodec(keys("k1")).encode(ACME, BINDING, POSITION);

        // WHEN k2 becomes the signing key with k1 still listed THEN both verify, and new cursors use k2
        CursorCodec rotated = new CursorCodec(keys("k2", "k1"));
        assertThat(rotated.decode(ACME, BINDING, old)).isEqualTo(POSITION);
        String fresh = rotated.encode(ACME, BINDING, POSITION);
        assertThat(new CursorCodec(keys("k2")).decode(ACME, BINDING, fresh)).isEqualTo(POSITION);

        // AND once k1 is dropped, its cursors are refused
        assertBadAfter(() -> new CursorCodec(keys("k2")).decode(ACME, BINDING, old));
    }

    @Test
    void cursorKeys_parseTheEnvironmentFormat_andRefuseWeakOrMalformedKeys() {
        String secret = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(CursorKeys.parse("a:" + secret + ", b:" + secret).signingKid()).isEqualTo("a");
        assertThatThrownBy(() -> CursorKeys.parse("a:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("CURSOR_KEYS");
        assertThatThrownBy(() -> CursorKeys.parse("nocolon")).hasMessageContaining("CURSOR_KEYS");
        assertThatThrownBy(() -> CursorKeys.parse("a:%%%")).hasMessageContaining("CURSOR_KEYS");
        assertThatThrownBy(() -> CursorKeys.parse("a:" + secret + ",a:" + secret)).hasMessageContaining("twice");
        assertThatThrownBy(() -> CursorKeys.fromEnvironment(Map.of())).hasMessageContaining("CURSOR_KEYS");
        assertThat(List.of(CursorKeys.random().signingKid())).containsExactly("local");
    }

    private static void assertBadAfter(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
        assertThatThrownBy(decode).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).extensions()).containsEntry("code", "BAD_USER_INPUT")
                        .containsEntry("field", "after"));
    }
}
