package com.tenantgraph.local.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static Map<String, Object> record(String eventName, String sk, String status) {
        return Map.of("eventName", eventName, "dynamodb", Map.of(
                "Keys", Map.of("PK", Map.of("S", "TENANT#t"), "SK", Map.of("S", sk)),
                "NewImage", Map.of("status", Map.of("S", status), "version", Map.of("N", "3"))));
    }

    @Test
    void noPatterns_admitEverything() {
        assertThat(EventFilter.of(List.of()).admits(record("INSERT", "TASK#1", "OPEN"))).isTrue();
    }

    @Test
    void prefixAndLiteral_mustBothMatch_andPatternsAreAlternatives() {
        EventFilter filter = EventFilter.of(List.of(
                "{\"eventName\":[\"INSERT\",\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"SK\":{\"S\":[{\"prefix\":\"TASK#\"}]}}}}",
                "{\"dynamodb\":{\"Keys\":{\"SK\":{\"S\":[{\"prefix\":\"COMMENT#\"}]}}}}"));

        assertThat(filter.admits(record("INSERT", "TASK#1", "OPEN"))).isTrue();
        assertThat(filter.admits(record("REMOVE", "TASK#1", "OPEN"))).isFalse();
        assertThat(filter.admits(record("REMOVE", "COMMENT#1", "OPEN"))).isTrue();
        assertThat(filter.admits(record("INSERT", "CONNECTION", "OPEN"))).isFalse();
    }

    @Test
    void existsAnythingButAndNumeric_followLambdasRules() {
        assertThat(EventFilter.of(List.of("{\"dynamodb\":{\"OldImage\":[{\"exists\":false}]}}"))
                .admits(record("INSERT", "TASK#1", "OPEN"))).isTrue();
        assertThat(EventFilter.of(List.of("{\"dynamodb\":{\"NewImage\":[{\"exists\":true}]}}"))
                .admits(record("INSERT", "TASK#1", "OPEN"))).isFalse(); // NewImage is an object: not a leaf value
        assertThat(EventFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"anything-but\":"
                + "[\"DONE\"]}]}}}}")).admits(record("MODIFY", "TASK#1", "DONE"))).isFalse();
        assertThat(EventFilter.of(List.of("{\"dynamodb\":{\"NewImage\":{\"version\":{\"N\":[{\"numeric\":"
                + "[\">\",2,\"<=\",3]}]}}}}")).admits(record("MODIFY", "TASK#1", "OPEN"))).isTrue();
    }

    @Test
    void aRuleTheLocalMappingDoesNotReproduce_isRefusedWhenRead() {
        assertThatThrownBy(() -> EventFilter.of(List.of("{\"eventName\":[{\"wildcard\":\"IN*\"}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> EventFilter.of(List.of("[1]"))).hasMessageContaining("JSON object");
    }
}
