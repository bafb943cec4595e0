package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.local.template.BlockYaml.Mapping;
import org.junit.jupiter.api.Test;

class BlockYamlTest {

    @Test
    void parse_readsNestedMappingsSequencesAndQuotedScalars() {
        Mapping root = BlockYaml.parse("""
                # a comment
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table   # trailing comment
                    Keys:
                      - AttributeName: PK
                        KeyType: HASH
                      - 'TENANT#*'
                    Quoted: '{"a":"it''s"}'
                    Escaped: "x\\"y"
                    Empty:
                    Same:
                    - one
                    - two
                """);

        Mapping table = root.mapping("Resources").mapping("Table");
        assertThat(table.text("Type")).isEqualTo("AWS::DynamoDB::Table");
        assertThat(table.sequence("Keys").items()).hasSize(2);
        assertThat(BlockYaml.asMapping(table.sequence("Keys").items().get(0)).text("KeyType")).isEqualTo("HASH");
        assertThat(BlockYaml.asScalar(table.sequence("Keys").items().get(1)).text()).isEqualTo("TENANT#*");
        assertThat(table.text("Quoted")).isEqualTo("{\"a\":\"it's\"}");
        assertThat(table.text("Escaped")).isEqualTo("x\"y");
        assertThat(table.text("Empty")).isEmpty();
        assertThat(table.sequence("Same").texts()).containsExactly("one", "two");
    }

    @Test
    void parse_readsBlockScalars_foldedAndLiteral() {
        Mapping root = BlockYaml.parse("""
                Folded: >-
                  first
                  second
                Literal: |
                  first
                  second
                After: x
                """);

        assertThat(root.text("Folded")).isEqualTo("first second");
        assertThat(root.text("Literal")).isEqualTo("first\nsecond\n");
        assertThat(root.text("After")).isEqualTo("x");
    }

    @Test
    void text_refusesTagsAndFlowCollections_namingTheLine_whileTheTreeStillParses() {
        Mapping root = BlockYaml.parse("""
                Ref: !Ref Table
                Flow: [a, b]
                If: !If
                  - Cond
                  - yes
                """);

        assertThatThrownBy(() -> root.text("Ref")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> root.text("Flow")).hasMessageContaining("line 2");
        assertThat(root.get("If")).isInstanceOf(BlockYaml.Tagged.class);
        assertThatThrownBy(() -> root.mapping("If")).hasMessageContaining("tagged !If");
    }

    @Test
    void parse_refusesPlainScalarContinuedOnNextLine() {
        assertThatThrownBy(() -> BlockYaml.parse("""
                Key: a plain scalar
                  continued here
                """)).hasMessageContaining("line 2");
    }
}
