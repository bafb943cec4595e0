package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TableKeyTest {
    @Test
    void keysOfTheSameItem_areEqual_andHashAlike() {
        TableKey key = new TableKey("TENANT#acme#USER#u1", "META");
        TableKey same = TableKey.of(Map.of("PK", AttributeValue.fromS("TENANT#acme#USER#u1"),
                "SK", AttributeValue.fromS("META"), "name", AttributeValue.fromS("Ada")));
        assertThat(same).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(Map.of(key, "found").get(same)).isEqualTo("found");
    }

    @Test
    void keysDifferingInEitherPart_orWithPartsSwapped_areDifferent() {
        TableKey key = new TableKey("A", "B");
        assertThat(key).isNotEqualTo(new TableKey("A", "C")).isNotEqualTo(new TableKey("C", "B"))
                .isNotEqualTo(new TableKey("B", "A")).isNotEqualTo(null).isNotEqualTo("A");
    }

    @Test
    void aKey_needsBothParts() {
        assertThatThrownBy(() -> new TableKey("A", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableKey(null, "B")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TableKey.of(Map.of("PK", AttributeValue.fromS("A")))).isNull();
    }
}
