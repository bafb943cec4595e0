package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's published item-size rules: attribute name bytes + value bytes; strings and binaries by their length in
 * bytes; numbers counted at their 21-byte upper bound; BOOL and NULL one byte; a list or map 3 bytes plus one per
 * element plus its contents (a map's contents include its attribute names).
 */
class ItemSizeTest {

    private static long sizeOf(String name, AttributeValue value) {
        return ItemSize.of(Map.of(name, value));
    }

    @Test
    void string_countsNameAndValueUtf8Bytes() {
        // GIVEN string attributes, ASCII and multi-byte
        // WHEN sized
        // THEN name bytes + UTF-8 value bytes
        assertThat(sizeOf("name", AttributeValue.fromS("Acme"))).isEqualTo(4 + 4);
        assertThat(sizeOf("n", AttributeValue.fromS("é"))).isEqualTo(1 + 2);
        assertThat(sizeOf("n", AttributeValue.fromS("😀"))).isEqualTo(1 + 4);
        assertThat(sizeOf("é", AttributeValue.fromS(""))).isEqualTo(2);
    }

    @Test
    void number_countsItsUpperBoundOf21Bytes_whateverItsDigits() {
        // GIVEN short and long numbers
        // WHEN sized
        // THEN 21 bytes each, never less than DynamoDB counts
        assertThat(sizeOf("v", AttributeValue.fromN("1"))).isEqualTo(1 + 21);
        assertThat(sizeOf("v", AttributeValue.fromN("12345678901234567890123456789012345678"))).isEqualTo(1 + 21);
    }

    @Test
    void binary_countsItsBytes() {
        // GIVEN 10 raw bytes
        // WHEN sized
        // THEN 10 bytes plus the name
        assertThat(sizeOf("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10])))).isEqualTo(1 + 10);
    }

    @Test
    void boolAndNull_countOneByte() {
        // GIVEN BOOL and NULL
        // WHEN sized
        // THEN one byte each
        assertThat(sizeOf("ok", AttributeValue.fromBool(true))).isEqualTo(2 + 1);
        assertThat(sizeOf("gone", AttributeValue.fromNul(true))).isEqualTo(4 + 1);
    }

    @Test
    void list_counts3BytesPlusOnePerElementPlusContents() {
        // GIVEN an empty list and a list of a string and a number
        AttributeValue empty = AttributeValue.fromL(List.of());
        AttributeValue list = AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromN("7")));

        // WHEN sized
        // THEN 3 + per element (1 + value)
        assertThat(sizeOf("l", empty)).isEqualTo(1 + 3);
        assertThat(sizeOf("l", list)).isEqualTo(1 + 3 + (1 + 2) + (1 + 21));
    }

    @Test
    void map_counts3BytesPlusOnePerElementPlusNamesAndValues() {
        // GIVEN an empty map and a map {x: "ab", yy: true}
        AttributeValue empty = AttributeValue.fromM(Map.of());
        AttributeValue map = AttributeValue.fromM(Map.of("x", AttributeValue.fromS("ab"),
                "yy", AttributeValue.fromBool(true)));

        // WHEN sized
        // THEN 3 + per element (1 + name + value)
        assertThat(sizeOf("m", empty)).isEqualTo(1 + 3);
        assertThat(sizeOf("m", map)).isEqualTo(1 + 3 + (1 + 1 + 2) + (1 + 2 + 1));
    }

    @Test
    void nestedDocuments_addUpRecursively() {
        // GIVEN a map holding a list holding a map
        AttributeValue inner = AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")));
        AttributeValue nested = AttributeValue.fromM(Map.of("l", AttributeValue.fromL(List.of(inner))));

        // WHEN sized
        long innerSize = 3 + (1 + 1 + 1);
        long listSize = 3 + (1 + innerSize);
        long outerSize = 3 + (1 + 1 + listSize);

        // THEN each level adds its overhead
        assertThat(sizeOf("d", nested)).isEqualTo(1 + outerSize);
    }

    @Test
    void sets_countTheirMembers() {
        // GIVEN string, number and binary sets
        // WHEN sized
        // THEN the sum of their members
        assertThat(sizeOf("ss", AttributeValue.fromSs(List.of("a", "bc")))).isEqualTo(2 + 3);
        assertThat(sizeOf("ns", AttributeValue.fromNs(List.of("1", "2")))).isEqualTo(2 + 42);
        assertThat(sizeOf("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[3]),
                SdkBytes.fromByteArray(new byte[4]))))).isEqualTo(2 + 7);
    }

    @Test
    void item_sumsItsAttributes() {
        // GIVEN an item with a key and two attributes
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", AttributeValue.fromS("TENANT#t1#TENANT"));
        item.put("SK", AttributeValue.fromS("TENANT"));
        item.put("version", AttributeValue.fromN("3"));

        // WHEN sized
        // THEN the sum of each name and value
        assertThat(ItemSize.of(item)).isEqualTo((2 + 16) + (2 + 6) + (7 + 21));
    }

    /** An item of exactly {@code bytes} bytes: a key plus one string attribute padded to the size. */
    private static Map<String, AttributeValue> itemOf(long bytes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("PK", AttributeValue.fromS("TENANT#t1#TASK#1"));
        item.put("SK", AttributeValue.fromS("TASK"));
        long used = ItemSize.of(item) + "description".length();
        item.put("description", AttributeValue.fromS("x".repeat((int) (bytes - used))));
        assertThat(ItemSize.of(item)).isEqualTo(bytes);
        return item;
    }

    @Test
    void check_throwsItemTooLarge_whenOneByteOver400KB() {
        // GIVEN an item of 400 KB + 1 byte
        Map<String, AttributeValue> item = itemOf(ItemSize.MAX_ITEM_BYTES + 1L);

        // WHEN checked
        // THEN refused before DynamoDB sees it, saying how large it was
        assertThatThrownBy(() -> ItemSize.check(item))
                .isInstanceOf(ItemSize.ItemTooLargeException.class)
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining(String.valueOf(ItemSize.MAX_ITEM_BYTES + 1L));
    }

    @Test
    void check_passes_atExactly400KB() {
        // GIVEN an item of exactly 400 KB (DynamoDB's limit is inclusive)
        Map<String, AttributeValue> item = itemOf(ItemSize.MAX_ITEM_BYTES);

        // WHEN checked
        // THEN accepted
        assertThatCode(() -> ItemSize.check(item)).doesNotThrowAnyException();
    }

    @Test
    void check_passes_justUnder400KB() {
        // GIVEN an item one byte under 400 KB
        Map<String, AttributeValue> item = itemOf(ItemSize.MAX_ITEM_BYTES - 1L);

        // WHEN checked
        // THEN accepted
        assertThatCode(() -> ItemSize.check(item)).doesNotThrowAnyException();
        assertThat(ItemSize.MAX_ITEM_BYTES).isEqualTo(409_600);
    }
}
