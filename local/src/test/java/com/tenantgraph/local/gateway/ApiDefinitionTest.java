package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.gateway.ApiDefinition.CorsPreflight;
import com.tenantgraph.local.gateway.ApiDefinition.LambdaProxy;
import com.tenantgraph.local.gateway.ApiDefinition.Route;
import com.tenantgraph.local.template.SamTemplate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiDefinitionTest {
    private static final String DEFAULT_RESPONSES = """
            GatewayResponses:
              DEFAULT_4XX: {ResponseTemplates: {application/json: '{}'}}
              DEFAULT_5XX: {ResponseTemplates: {application/json: '{}'}}
            """;
    private static final Map<String, String> CORS = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Headers", "Authorization,Content-Type,Accept,X-Amz-User-Agent,X-Amz-Date,X-Api-Key,X-Requested-With,Apollographql-Client-Name,Apollographql-Client-Version",
            "Access-Control-Allow-Methods", "GET,POST,OPTIONS",
            "Access-Control-Max-Age", "600");

    @Test
    void templateYaml_declaresTheGraphqlAndGraphiqlRoutes_withThePreflightOutsideTheAuthorizer() {
        // WHEN
        ApiDefinition api = ApiDefinition.fromTemplate(SamTemplate.read(RepoFiles.template(), Map.of()));

        // THEN
        assertThat(api.routes()).containsExactlyInAnyOrder(
                new Route("POST", "/graphql", new LambdaProxy("GraphQlFunction"), true),
                new Route("GET", "/graphql", new LambdaProxy("GraphQlFunction"), true),
                new Route("GET", "/graphiql", new LambdaProxy("GraphQlFunction"), false),
                new Route("OPTIONS", "/graphql", new CorsPreflight(CORS), false),
                new Route("OPTIONS", "/graphiql", new CorsPreflight(CORS), false));
    }

    @Test
    void corsAllowOrigin_isThePreflightsOrigin_andTheGatewayResponses() {
        // WHEN the API is deployed for one front end's origin
        ApiDefinition api = ApiDefinition.fromTemplate(SamTemplate.read(RepoFiles.template(),
                Map.of("CorsAllowOrigin", "https://app.example.com")));

        // THEN the preflight and API Gateway's own refusals name it (the GraphQL function gets it as CORS_ALLOW_ORIGIN)
        assertThat(api.routes()).filteredOn(route -> route.httpMethod().equals("OPTIONS"))
                .extracting(route -> ((CorsPreflight) route.integration()).headers().get("Access-Control-Allow-Origin"))
                .containsOnly("https://app.example.com");
        assertThat(api.gatewayResponses().refusal(GatewayResponses.ResponseType.UNAUTHORIZED, "r").headers())
                .containsEntry("Access-Control-Allow-Origin", java.util.List.of("https://app.example.com"));
    }

    @Test
    void corsAllowOrigin_mustBeOneOriginOrAStar() {
        assertThatThrownBy(() -> SamTemplate.read(RepoFiles.template(),
                Map.of("CorsAllowOrigin", "https://a.example.com,https://b.example.com")))
                .hasMessageContaining("CorsAllowOrigin");
    }

    @Test
    void templateYaml_declaresTheTokenAuthorizer_andTheStage_withTheirParameterDefaults() {
        // WHEN no parameter is given a value
        ApiDefinition api = ApiDefinition.fromTemplate(SamTemplate.read(RepoFiles.template(), Map.of()));

        // THEN
        assertThat(api.authorizer()).hasValue(new ApiDefinition.TokenAuthorizer("AuthorizerFunction",
                "Authorization", Duration.ofSeconds(300)));
        assertThat(api.stage()).isEqualTo("v1");
    }

    @Test
    void parameterValues_setTheStageAndTheAuthorizerCacheTtl() {
        // WHEN
        ApiDefinition api = ApiDefinition.fromTemplate(SamTemplate.read(RepoFiles.template(),
                Map.of("StageName", "local", "AuthorizerResultTtlInSeconds", "0")));

        // THEN
        assertThat(api.stage()).isEqualTo("local");
        assertThat(api.authorizer().orElseThrow().resultTtl()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AuthorizerResultTtlInSeconds | 3601   | AuthorizerResultTtlInSeconds must be at most 3600, not 3601",
        "AuthorizerResultTtlInSeconds | -1     | AuthorizerResultTtlInSeconds must be at least 0, not -1",
        "AuthorizerResultTtlInSeconds | soon   | AuthorizerResultTtlInSeconds must be a number, not 'soon'",
        "StageName                    | my api | StageName must match pattern ^[A-Za-z0-9_]{1,64}$, not 'my api'",
        "NoSuchParameter              | x      | NoSuchParameter is not a parameter of the template"})
    void parameterValues_areCheckedAgainstTheTemplatesConstraints(String name, String value, String error) {
        assertThatThrownBy(() -> SamTemplate.read(RepoFiles.template(), Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template.yaml Parameters." + error);
    }

    @Test
    void corsShortForm_isTheOrigin_andThePathsOwnMethods() {
        // WHEN
        ApiDefinition api = api("""
                Cors: "'https://app.example'"
                """, """
                Path: /items
                Method: post
                """);

        // THEN
        assertThat(api.routes()).containsExactly(
                new Route("POST", "/items", new LambdaProxy("Fn"), false),
                new Route("OPTIONS", "/items", new CorsPreflight(Map.of(
                        "Access-Control-Allow-Origin", "https://app.example",
                        "Access-Control-Allow-Methods", "OPTIONS,POST")), false));
        assertThat(api.authorizer()).isEmpty();
    }

    @Test
    void preflight_goesThroughTheDefaultAuthorizer_unlessTheTemplateSaysOtherwise() {
        // WHEN SAM's default for AddDefaultAuthorizerToCorsPreflight (true) applies
        ApiDefinition api = api("""
                Cors: "'*'"
                Auth:
                  DefaultAuthorizer: Token
                  Authorizers:
                    Token:
                      FunctionArn: !GetAtt Fn.Arn
                """, """
                Path: /items
                Method: get
                """);

        // THEN
        assertThat(api.routes()).extracting(Route::httpMethod, Route::authorized)
                .containsExactly(tuple("GET", true),
                        tuple("OPTIONS", true));
    }

    @Test
    void fromTemplate_refusesWhatTheLocalGatewayDoesNotReproduce_namingThePlace() {
        assertThatThrownBy(() -> api("", """
                Path: /items/{id}
                Method: get
                """)).hasMessage("test.yaml Resources.Fn.Properties.Events.Call.Properties.Path is /items/{id}: the"
                + " local API Gateway serves plain paths only (no path parameters, no trailing slash)");
        assertThatThrownBy(() -> api("", """
                Path: /items
                Method: any
                """)).hasMessageContaining("Events.Call.Properties.Method is ANY");
        assertThatThrownBy(() -> api("""
                Auth:
                  DefaultAuthorizer: Lambda
                  Authorizers:
                    Lambda:
                      FunctionPayloadType: REQUEST
                      FunctionArn: !GetAtt Fn.Arn
                """, """
                Path: /items
                Method: get
                """)).hasMessageContaining("Authorizers.Lambda.FunctionPayloadType is REQUEST: the local API Gateway"
                + " runs TOKEN authorizers only");
        assertThatThrownBy(() -> api("", """
                Path: /items
                Method: get
                Auth:
                  Authorizer: Other
                """)).hasMessageContaining("Auth.Authorizer is Other: the local API Gateway runs the"
                + " DefaultAuthorizer only");
    }

    @Test
    void fromTemplate_refusesARouteDeclaredTwice() {
        assertThatThrownBy(() -> GatewayFixture.inlineApi(DEFAULT_RESPONSES, """
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Events:
                      One: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: GET}}
                      Two: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
                """)).hasMessageContaining("Events.Two declares GET /items again");
    }

    /** An API with the two default responses and these properties, and a function with one Api event on it. */
    private static ApiDefinition api(String apiProperties, String eventProperties) {
        return GatewayFixture.inlineApi(DEFAULT_RESPONSES + apiProperties, """
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Events:
                      Call:
                        Type: Api
                        Properties:
                          RestApiId: !Ref Api
                """ + eventProperties.indent(10));
    }
}
