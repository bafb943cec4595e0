package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.RepoFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml promises operators and the tenancy rules, checked offline over every resource of a type (so a
 * client, trigger or function added later is held to the same rule): no app client can write the tenant id; every
 * function has a reserved-concurrency parameter; every Cognito trigger has an alarm on its errors; every SnapStart
 * function's log group counts restore failures; every alarm notifies the alarm topic.
 */
class OperationalTemplateTest {
    private static final String TENANT_ATTRIBUTE = "custom:tenantId";

    private static SamTemplate template;

    @BeforeAll
    static void read() {
        template = SamTemplate.read(RepoFiles.template(), Map.of());
    }

    @Test
    void noAppClient_canWriteTheTenantId_andEachListsItsWriteAttributes() {
        Map<String, TemplateNode> clients = template.resourcesOfType("AWS::Cognito::UserPoolClient");
        assertThat(clients).as("app clients in template.yaml").isNotEmpty();

        SoftAssertions softly = new SoftAssertions();
        clients.forEach((id, client) -> {
            // Without WriteAttributes, Cognito lets a client write every writable attribute, custom:tenantId included.
            TemplateNode writeAttributes = client.require("Properties").get("WriteAttributes");
            softly.assertThat(writeAttributes.isPresent()).as("%s lists WriteAttributes explicitly", id).isTrue();
            softly.assertThat(writeAttributes.items().stream().map(TemplateNode::text))
                    .as("%s WriteAttributes", id)
                    .isNotEmpty()
                    .doesNotContain(TENANT_ATTRIBUTE);
        });
        softly.assertAll();
    }

    @Test
    void everyFunction_hasAReservedConcurrencyParameter_unreservedByDefault() {
        SoftAssertions softly = new SoftAssertions();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, function) -> {
            TemplateNode reserved = template.property(id, "ReservedConcurrentExecutions");
            softly.assertThat(reserved.isPresent()).as("%s ReservedConcurrentExecutions", id).isTrue();
            if (!reserved.isPresent()) {
                return;
            }
            // !If [Has<Parameter>, !Ref <Parameter>, !Ref AWS::NoValue]
            List<TemplateNode> choice = reserved.require("Fn::If").items();
            String parameter = choice.get(1).require("Ref").text();
            softly.assertThat(template.parameter(parameter)).as("%s default (-1 = not reserved)", parameter)
                    .isEqualTo("-1");
            softly.assertThat(choice.get(2).require("Ref").text()).as("%s when not reserved", id)
                    .isEqualTo("AWS::NoValue");
        });
        softly.assertAll();
    }

    @Test
    void everyCognitoTrigger_hasAnAlarmOnItsErrors() {
        Set<String> triggers = template.resourcesOfType("AWS::Serverless::Function").entrySet().stream()
                .filter(function -> template.property(function.getKey(), "Events").entries().values().stream()
                        .anyMatch(event -> event.require("Type").text().equals("Cognito")))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(triggers).as("Cognito trigger functions")
                .containsExactly("PostAuthenticationFunction", "PostConfirmationFunction", "PreSignUpFunction");

        assertThat(alarmedErrors()).as("functions whose Errors metric an alarm watches").containsAll(triggers);
    }

    @Test
    void everySnapStartFunction_countsRestoreFailuresInItsLogGroup_andAnAlarmWatchesThem() {
        Map<String, String> filteredLogGroups = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Logs::MetricFilter").forEach((id, filter) -> {
            TemplateNode properties = filter.require("Properties");
            TemplateNode metric = properties.require("MetricTransformations").items().get(0);
            if (metric.require("MetricName").text().equals("SnapStartRestoreFailures")) {
                filteredLogGroups.put(template.referencedResource(properties.require("LogGroupName")),
                        properties.require("FilterPattern").text());
            }
        });

        SoftAssertions softly = new SoftAssertions();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(id -> {
            softly.assertThat(template.property(id, "SnapStart").require("ApplyOn").text()).as("%s SnapStart", id)
                    .isEqualTo("PublishedVersions");
            String logGroup = template.referencedResource(template.property(id, "LoggingConfig").require("LogGroup"));
            softly.assertThat(filteredLogGroups).as("restore-failure filters by log group")
                    .containsKey(logGroup);
        });
        softly.assertThat(filteredLogGroups.values()).as("filter patterns")
                .allSatisfy(pattern -> assertThat(pattern).contains("\"RESTORE_REPORT\""));
        softly.assertThat(template.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                        .map(alarm -> plain(alarm.require("Properties").get("MetricName"))))
                .as("alarm metrics").contains("SnapStartRestoreFailures");
        softly.assertAll();
    }

    @Test
    void everyAlarm_notifiesTheAlarmTopic_onAlarmAndOk() {
        SoftAssertions softly = new SoftAssertions();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            for (String actions : List.of("AlarmActions", "OKActions")) {
                List<TemplateNode> targets = alarm.require("Properties").get(actions).items();
                softly.assertThat(targets).as("%s %s", id, actions).hasSize(1);
                if (targets.size() == 1) {
                    // [!If [HasAlarmTopic, !Ref AlarmTopicArn, !Ref AlarmTopic]]
                    List<TemplateNode> choice = targets.get(0).require("Fn::If").items();
                    softly.assertThat(choice.get(1).require("Ref").text()).as("%s %s", id, actions)
                            .isEqualTo("AlarmTopicArn");
                    softly.assertThat(choice.get(2).require("Ref").text()).as("%s %s", id, actions)
                            .isEqualTo("AlarmTopic");
                }
            }
        });
        softly.assertAll();
    }

    private static Set<String> alarmedErrors() {
        Set<String> functions = new TreeSet<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            TemplateNode properties = alarm.require("Properties");
            if (plain(properties.get("Namespace")).equals("AWS/Lambda")
                    && plain(properties.get("MetricName")).equals("Errors")) {
                properties.require("Dimensions").items().stream()
                        .filter(dimension -> dimension.require("Name").text().equals("FunctionName"))
                        .forEach(dimension -> functions.add(template.referencedResource(dimension.require("Value"))));
            }
        });
        return functions;
    }

    /** A plain value's text; empty for an absent value or an intrinsic function (such as a !Sub namespace). */
    private static String plain(TemplateNode node) {
        return node.value() instanceof String || node.value() instanceof Number ? node.text() : "";
    }
}
