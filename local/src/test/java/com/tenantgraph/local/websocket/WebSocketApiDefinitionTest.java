package com.tenantgraph.local.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.local.streams.EventSourceMapping;
import com.tenantgraph.local.template.SamTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSocketApiDefinitionTest {
    private static final String TEMPLATE = """
            Parameters:
              StageName: {Type: String, Default: prod}
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              WebSocketFunction:
                Type: AWS::Serverless::Function
              StreamFanOutFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Table.StreamArn
                        StartingPosition: LATEST
                        BatchSize: 25
                        MaximumRetryAttempts: 3
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"dynamodb":{"Keys":{"SK":{"S":[{"prefix":"TASK#"}]}}}}'
              WebSocketApi:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  ProtocolType: WEBSOCKET
                  RouteSelectionExpression: $request.body.type
              WebSocketIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref WebSocketApi
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${WebSocketFunction.Arn}/invocations
              ConnectRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref WebSocketApi
                  RouteKey: $connect
                  AuthorizationType: NONE
                  Target: !Sub integrations/${WebSocketIntegration}
              DefaultRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref WebSocketApi
                  RouteKey: $default
                  Target: !Join ['/', [integrations, !Ref WebSocketIntegration]]
              WebSocketStage:
                Type: AWS::ApiGatewayV2::Stage
                Properties:
                  ApiId: !Ref WebSocketApi
                  StageName: !Ref StageName
            """;

    private static SamTemplate template(String yaml) {
        return SamTemplate.parse("template.yaml", yaml, Map.of("StageName", "local"));
    }

    @Test
    void fromTemplate_readsStageRoutesAndTheFunctionEachRouteInvokes() {
        WebSocketApiDefinition api = WebSocketApiDefinition.fromTemplate(template(TEMPLATE)).orElseThrow();

        assertThat(api.stage()).isEqualTo("local");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.type");
        assertThat(api.routes()).containsExactlyInAnyOrderEntriesOf(Map.of("$connect", "WebSocketFunction",
                "$default", "WebSocketFunction"));
    }

    @Test
    void routeFor_sendsEveryMessageToDefault_whenNoRouteHasItsType() {
        WebSocketApiDefinition api = new WebSocketApiDefinition("local", "$request.body.type",
                Map.of("$default", "F", "subscribe", "G"));

        assertThat(api.routeFor(Map.of("type", "connection_init"))).isEqualTo("$default");
        assertThat(api.routeFor(Map.of("type", "subscribe"))).isEqualTo("subscribe");
        assertThat(api.routeFor(Map.of("type", "$connect"))).isEqualTo("$default");
        assertThat(api.routeFor(null)).isEqualTo("$default");
    }

    @Test
    void fromTemplate_isEmpty_withoutAWebSocketApi() {
        assertThat(WebSocketApiDefinition.fromTemplate(template("Resources: {}\nParameters: {StageName: {Type: "
                + "String}}\n"))).isEmpty();
    }

    @Test
    void fromTemplate_refusesARouteWithAnAuthorizer_namingThePlace() {
        String withAuthorizer = TEMPLATE.replace("AuthorizationType: NONE", "AuthorizationType: CUSTOM");

        assertThatThrownBy(() -> WebSocketApiDefinition.fromTemplate(template(withAuthorizer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CUSTOM");
    }

    @Test
    void eventSourceMapping_readsTheFunctionsDynamoDbEvent() {
        EventSourceMapping mapping = EventSourceMapping.ofFunction(template(TEMPLATE), "StreamFanOutFunction")
                .orElseThrow();

        assertThat(mapping).isEqualTo(new EventSourceMapping("StreamFanOutFunction", "Table", "LATEST", 25,
                Duration.ZERO, java.util.List.of("{\"dynamodb\":{\"Keys\":{\"SK\":{\"S\":[{\"prefix\":\"TASK#\"}]}}}}"),
                true, 3));
    }
}
