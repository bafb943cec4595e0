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
import org.junit.jupiter.params.provider.ValueSource;

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
                new Route("POST", "/graphql", new LambdaProxy("GraphQlFunction", Duration.ofSeconds(28)), true),
                new Route("GET", "/graphql", new LambdaProxy("GraphQlFunction", Duration.ofSeconds(28)), true),
                new Route("GET", "/graphiql", new LambdaProxy("GraphQlFunction", Duration.ofSeconds(28)), false),
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
        ApiDefinition.TokenAuthorizer authorizer = api.authorizer().orElseThrow();
        assertThat(authorizer.function()).isEqualTo("AuthorizerFunction");
        assertThat(authorizer.identityHeader()).isEqualTo("Authorization");
        assertThat(authorizer.identityValidation()).isPresent();
        assertThat(authorizer.resultTtl()).isEqualTo(Duration.ofSeconds(300));
        assertThat(api.stage()).isEqualTo("v1");
    }

    /** What the authorizer function accepts: "Bearer" in any case, one space, three non-empty base64url parts. */
    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_0", "bearer a.b.c", "BEARER a.b.c",
            "bEaReR A-_.0.z"})
    void templateYaml_identityValidation_admitsEveryHeaderShapeTheAuthorizerAccepts(String header) {
        assertThat(templateAuthorizer().admits(header)).as(header).isTrue();
    }

    /** Each of these the authorizer refuses as a bad header or a token that is not a compact JWS. */
    @ParameterizedTest
    @ValueSource(strings = {"a.b.c", "Bearer", "Bearer ", "Bearer  a.b.c", "Bearer a.b.c ", " Bearer a.b.c",
            "Bearer\ta.b.c", "Basic dXNlcjpwYXNz", "Bearer a.b", "Bearer a.b.c.d.e", "Bearer a..c", "Bearer .b.c",
            "Bearer a.b.", "Bearer a+b.c.d", "Bearer a.b.c=", "Bearer a.b.c\nX-Injected: 1", "Bearer a.b.c, Bearer d.e.f",
            "Token a.b.c"})
    void templateYaml_identityValidation_refusesHeadersTheAuthorizerWouldRefuse(String header) {
        assertThat(templateAuthorizer().admits(header)).as(header).isFalse();
    }

    @Test
    void identityValidation_mustBeAnchoredAtBothEnds_andARegularExpression() {
        assertThatThrownBy(() -> api(authorizerWithExpression("'Bearer .+'"), "Path: /items\nMethod: get"))
                .hasMessageContaining("Identity.ValidationExpression must be anchored with ^ at the start and $ at"
                        + " the end, not Bearer .+");
        assertThatThrownBy(() -> api(authorizerWithExpression("'^Bearer .+\\$'"), "Path: /items\nMethod: get"))
                .hasMessageContaining("must be anchored");
        assertThatThrownBy(() -> api(authorizerWithExpression("'^Bearer (.+$'"), "Path: /items\nMethod: get"))
                .hasMessageContaining("Identity.ValidationExpression is not a regular expression");
        assertThat(api(authorizerWithExpression("'^x$'"), "Path: /items\nMethod: get").authorizer().orElseThrow()
                .admits("x")).isTrue();
    }

    private static ApiDefinition.TokenAuthorizer templateAuthorizer() {
        return ApiDefinition.fromTemplate(SamTemplate.read(RepoFiles.template(), Map.of())).authorizer().orElseThrow();
    }

    private static String authorizerWithExpression(String expression) {
        return """
                Auth:
                  DefaultAuthorizer: Lambda
                  Authorizers:
                    Lambda:
                      FunctionArn: !GetAtt Fn.Arn
                      Identity:
                        ValidationExpression: %s
                """.formatted(expression);
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
                new Route("POST", "/items", new LambdaProxy("Fn", Duration.ofSeconds(3)), false),
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
