package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    @Test
    void shortFormTags_readAsTheirLongForms() {
        // WHEN
        TemplateNode root = CloudFormationYaml.parse("test.yaml", """
                Ref: !Ref Table
                Alias: !Ref Fn.Alias
                Attribute: !GetAtt UserPool.Arn
                AttributeList: !GetAtt [UserPool, Arn]
                Sub: !Sub '/aws/lambda/${AWS::StackName}'
                SubWithValues: !Sub ['${A}-${B}', {A: !Ref X, B: b}]
                If: !If [HasTopic, [!Ref Topic], !Ref AWS::NoValue]
                Not: !Not [!Equals [!Ref Arn, '']]
                Join: !Join [',', [a, b]]
                Select: !Select [0, !GetAZs '']
                Number: 300
                """);

        // THEN
        assertThat(root.value()).isEqualTo(Map.ofEntries(
                Map.entry("Ref", Map.of("Ref", "Table")),
                Map.entry("Alias", Map.of("Ref", "Fn.Alias")),
                Map.entry("Attribute", Map.of("Fn::GetAtt", List.of("UserPool", "Arn"))),
                Map.entry("AttributeList", Map.of("Fn::GetAtt", List.of("UserPool", "Arn"))),
                Map.entry("Sub", Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}")),
                Map.entry("SubWithValues", Map.of("Fn::Sub", List.of("${A}-${B}",
                        Map.of("A", Map.of("Ref", "X"), "B", "b")))),
                Map.entry("If", Map.of("Fn::If", List.of("HasTopic", List.of(Map.of("Ref", "Topic")),
                        Map.of("Ref", "AWS::NoValue")))),
                Map.entry("Not", Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Arn"), ""))))),
                Map.entry("Join", Map.of("Fn::Join", List.of(",", List.of("a", "b")))),
                Map.entry("Select", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", "")))),
                Map.entry("Number", 300)));
        assertThat(root.get("Ref").intrinsic()).hasValueSatisfying(function -> {
            assertThat(function.getKey()).isEqualTo("Ref");
            assertThat(function.getValue().text()).isEqualTo("Table");
        });
    }

    @Test
    void parse_refusesDuplicateKeysAndBrokenYaml_namingTheSource() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("test.yaml", "A: 1\nA: 2\n"))
                .hasMessageStartingWith("test.yaml is not valid YAML").hasMessageContaining("duplicate key A");
        assertThatThrownBy(() -> CloudFormationYaml.parse("test.yaml", "A: [1\n"))
                .hasMessageStartingWith("test.yaml is not valid YAML");
        assertThatThrownBy(() -> CloudFormationYaml.parse("test.yaml", "- a\n"))
                .hasMessage("test.yaml (the document) must be a mapping of template sections");
    }

    @Test
    void property_fallsBackToGlobals_ofTheResourcesSamType() {
        // GIVEN
        SamTemplate template = SamTemplate.parse("test.yaml", """
                Globals:
                  Function:
                    CodeUri: shared.jar
                    Timeout: 5
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 28
                  Table:
                    Type: AWS::DynamoDB::Table
                """, Map.of());

        // THEN
        assertThat(template.property("Fn", "Timeout").text()).isEqualTo("28");
        assertThat(template.property("Fn", "CodeUri").text()).isEqualTo("shared.jar");
        assertThat(template.property("Table", "CodeUri").isPresent()).isFalse();
        assertThat(template.resourcesOfType("AWS::Serverless::Function")).containsOnlyKeys("Fn");
    }

    @Test
    void value_isPlainOrTheParameterARefNames_andReferencedResource_isTheLogicalId() {
        // GIVEN
        SamTemplate template = SamTemplate.parse("test.yaml", """
                Parameters:
                  Stage: {Type: String, Default: v1}
                  Secret: {Type: String}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      A: !Ref Stage
                      B: !Ref Fn.Alias
                      C: !GetAtt Fn.Arn
                      D: !Ref AWS::Region
                      E: !Ref Secret
                      F: !Sub "'${Stage}' and ${Stage}"
                      G: !Sub "${AWS::Region}"
                """, Map.of());

        // THEN
        assertThat(template.value(template.property("Fn", "A"))).isEqualTo("v1");
        assertThat(template.referencedResource(template.property("Fn", "B"))).isEqualTo("Fn");
        assertThat(template.referencedResource(template.property("Fn", "C"))).isEqualTo("Fn");
        assertThatThrownBy(() -> template.value(template.property("Fn", "D")))
                .hasMessage("test.yaml Resources.Fn.Properties.D must be a plain value, a Ref to a parameter or a"
                        + " Fn::Sub of parameters (found Ref)");
        assertThat(template.value(template.property("Fn", "F"))).isEqualTo("'v1' and v1");
        assertThatThrownBy(() -> template.value(template.property("Fn", "G")))
                .hasMessageContaining("substitutes ${AWS::Region}, which is not a parameter of the template");
        assertThatThrownBy(() -> template.value(template.property("Fn", "E")))
                .hasMessage("test.yaml Parameters.Secret has no Default: give it a value");
        assertThatThrownBy(() -> template.referencedResource(template.property("Fn", "A")))
                .hasMessage("test.yaml Resources.Fn.Properties.A names Stage, which is not a resource of the template");
    }

    @Test
    void parameterValues_overrideDefaults_withinAllowedValues() {
        String yaml = """
                Parameters:
                  Flag: {Type: String, Default: 'true', AllowedValues: ['true', 'false']}
                Resources: {}
                """;

        assertThat(SamTemplate.parse("test.yaml", yaml, Map.of()).parameter("Flag")).isEqualTo("true");
        assertThat(SamTemplate.parse("test.yaml", yaml, Map.of("Flag", "false")).parameter("Flag")).isEqualTo("false");
        assertThatThrownBy(() -> SamTemplate.parse("test.yaml", yaml, Map.of("Flag", "yes")))
                .hasMessage("test.yaml Parameters.Flag must be one of [true, false], not 'yes'");
    }
}
