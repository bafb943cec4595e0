package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalApiGatewayAuthorizerTest {
    private static final String TOKEN = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
    private static final String POST_ARN = "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graphql";

    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void gateway_returns401_withoutCallingAuthorizer_whenNoHeader() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphql")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\"}")));

        // THEN
        assertGatewayResponse(response, Refusal.UNAUTHORIZED);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void gateway_returns401_withoutCallingAuthorizer_whenHeaderEmpty(String authorization) throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(authorization);

        // THEN
        assertGatewayResponse(response, Refusal.UNAUTHORIZED);
        assertThat(fixture.authorizer.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer not-a-jwt", "Bearer a.b.c.d.e", "Bearer  a.b.c"})
    void gateway_returns401_withoutCallingAuthorizer_whenHeaderFailsTheIdentityValidationExpression(
            String authorization) throws Exception {
        // GIVEN template.yaml's API, whose authorizer has an identity validation expression
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(authorization);

        // THEN API Gateway's 401, with neither function called and the reason in the access log
        assertGatewayResponse(response, Refusal.UNAUTHORIZED);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
        assertThat(fixture.accessLog).singleElement(as(STRING)).contains("\"authorizer\":\"invalid-identity\"")
                .doesNotContain(authorization);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "authorization", "AUTHORIZATION"})
    void gateway_passesWholeHeaderValueAsTokenEvent_whateverTheHeaderNameCase(String headerName) throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphql")
                .header(headerName, TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        APIGatewayCustomAuthorizerEvent event = fixture.authorizer.events().get(0);
        assertThat(event.getType()).isEqualTo("TOKEN");
        assertThat(event.getAuthorizationToken()).isEqualTo(TOKEN);
        assertThat(event.getMethodArn()).isEqualTo(POST_ARN);
    }

    @Test
    void gateway_takesTheTokenFromTheIdentityHeaderTheTemplateNames() throws Exception {
        // GIVEN an API whose authorizer reads X-Token, with the preflight behind it (SAM's default)
        fixture = GatewayFixture.start(GatewayFixture.inlineApi("""
                Cors: "'*'"
                Auth:
                  DefaultAuthorizer: Token
                  Authorizers:
                    Token:
                      FunctionArn: !GetAtt Authorizer.Arn
                      Identity: {Header: X-Token}
                GatewayResponses:
                  DEFAULT_4XX: {ResponseTemplates: {application/json: '{"denied":"$context.requestId"}'}}
                  DEFAULT_5XX: {ResponseTemplates: {application/json: '{}'}}
                """, """
                Authorizer:
                  Type: AWS::Serverless::Function
                GraphQlFunction:
                  Type: AWS::Serverless::Function
                  Properties:
                    Events:
                      Post: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /graphql, Method: post}}
                """), FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> withAuthorization = fixture.post(TOKEN);
        HttpResponse<String> withXToken = fixture.send(fixture.request("/graphql").header("X-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> preflight = fixture.send(fixture.request("/graphql")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        // THEN only X-Token is the token, and the preflight needs one too
        assertThat(withAuthorization.statusCode()).isEqualTo(401);
        assertThat(withAuthorization.body()).contains("\"denied\"");
        assertThat(withXToken.statusCode()).isEqualTo(200);
        assertThat(fixture.authorizer.events()).extracting("authorizationToken").containsExactly(TOKEN);
        assertThat(preflight.statusCode()).isEqualTo(401);
    }

    @Test
    void gateway_namesStageAndMethodInMethodArn() throws Exception {
        // GIVEN
        FakeAuthorizer authorizer = FakeAuthorizer.answering(event -> FakeAuthorizer.policy("user-1",
                IamPolicyResponse.allowStatement(event.getMethodArn()), Map.of()));
        fixture = GatewayFixture.start(Map.of("StageName", "dev"), authorizer, FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.get("/graphql?query=%7Bme%7Bid%7D%7D", TOKEN);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(authorizer.events().get(0).getMethodArn())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:local/dev/GET/graphql");
    }

    @Test
    void gateway_returns401_whenAuthorizerThrowsUnauthorized() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.throwing(new RuntimeException("Unauthorized")),
                FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.UNAUTHORIZED);
        assertThat(fixture.authorizer.calls()).isEqualTo(1);
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void gateway_callsIntegration_whenPolicyAllows() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FakeGraphql.DATA);
        assertThat(fixture.graphql.calls()).isEqualTo(1);
    }

    static Stream<IamPolicyResponse> denyingPolicies() {
        return Stream.of(
                FakeAuthorizer.policy("user-1", IamPolicyResponse.denyStatement(FakeAuthorizer.ALL_METHODS), Map.of()),
                FakeAuthorizer.policy("user-1", IamPolicyResponse.allowStatement(
                        "arn:aws:execute-api:us-east-1:000000000000:local/local/GET/graphql"), Map.of()),
                FakeAuthorizer.policy("user-1", IamPolicyResponse.allowStatement(
                        "arn:aws:execute-api:us-east-1:000000000000:other/local/*/*"), Map.of()),
                IamPolicyResponse.builder().withPrincipalId("user-1")
                        .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                                .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                                .withStatement(List.of(IamPolicyResponse.allowStatement(FakeAuthorizer.ALL_METHODS),
                                        IamPolicyResponse.denyStatement(POST_ARN)))
                                .build())
                        .build());
    }

    @ParameterizedTest
    @MethodSource("denyingPolicies")
    void gateway_returns403_whenPolicyDeniesOrDoesNotCoverMethodArn(IamPolicyResponse policy) throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.answering(event -> policy), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.ACCESS_DENIED);
        assertThat(fixture.graphql.calls()).isZero();
    }

    static Stream<RuntimeException> otherErrors() {
        return Stream.of(new RuntimeException("unauthorized"), new RuntimeException("Unauthorized: expired"),
                new IllegalStateException("JWKS unavailable"), new NullPointerException());
    }

    @ParameterizedTest
    @MethodSource("otherErrors")
    void gateway_returns500ConfigurationError_whenAuthorizerThrowsAnythingElse(RuntimeException error)
            throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.throwing(error), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.AUTHORIZER_CONFIGURATION_ERROR);
        assertThat(fixture.graphql.calls()).isZero();
    }

    static Stream<Object> nonPrimitiveContextValues() {
        return Stream.of(Map.of("nested", "object"), List.of("tenant-admins", "tenant-members"));
    }

    @ParameterizedTest
    @MethodSource("nonPrimitiveContextValues")
    void gateway_returns500ConfigurationError_whenContextValueIsNotPrimitive(Object value) throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(Map.of("tenantId", "t-1", "groups", value)),
                FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.AUTHORIZER_CONFIGURATION_ERROR);
        assertThat(fixture.graphql.calls()).isZero();
    }

    static Stream<IamPolicyResponse> malformedAnswers() {
        return Stream.of(
                null,
                IamPolicyResponse.builder().withPrincipalId("user-1").build(),
                IamPolicyResponse.builder()
                        .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                                .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                                .withStatement(List.of(IamPolicyResponse.allowStatement(FakeAuthorizer.ALL_METHODS)))
                                .build())
                        .build());
    }

    @ParameterizedTest
    @MethodSource("malformedAnswers")
    void gateway_returns500ConfigurationError_whenAnswerIsNullOrLacksPolicyOrPrincipal(IamPolicyResponse answer)
            throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.answering(event -> answer), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.AUTHORIZER_CONFIGURATION_ERROR);
        assertThat(fixture.graphql.calls()).isZero();
    }
}
