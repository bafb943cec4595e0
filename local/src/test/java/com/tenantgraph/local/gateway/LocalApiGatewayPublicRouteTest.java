package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /graphiql}: a method whose authorization is NONE (template.yaml: {@code Auth: Authorizer: NONE}),
 * proxied to the same GraphQL function. API Gateway calls no authorizer for it, with or without a token, and the
 * function's event has no authorizer context.
 */
class LocalApiGatewayPublicRouteTest {
    private static final String PAGE = "<!doctype html><title>GraphiQL</title>";

    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static FakeGraphql page() {
        return FakeGraphql.answering(event -> new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8",
                        "Content-Security-Policy", "default-src 'none'"))
                .withBody(PAGE));
    }

    @Test
    void graphiql_reachesTheFunction_withoutCallingTheAuthorizer_whenThereIsNoToken() throws Exception {
        // GIVEN an authorizer that would refuse everything
        fixture = GatewayFixture.start(FakeAuthorizer.throwing(new RuntimeException("Unauthorized")), page());

        // WHEN a browser opens the page without any token
        HttpResponse<String> response = fixture.send(fixture.request("/graphiql").GET());

        // THEN the function's page comes back as it answered it, and the authorizer was never asked
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isEqualTo(PAGE);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isOne();
    }

    @Test
    void graphiql_neverCallsTheAuthorizer_evenWithAToken_andPassesNoAuthorizerContext() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), page());

        // WHEN the page is requested with an Authorization header
        HttpResponse<String> response = fixture.get("/graphiql", "Bearer token");

        // THEN the header reaches the function as any header does, but no authorizer ran and none is in the context
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.authorizer.calls()).isZero();
        APIGatewayProxyRequestEvent event = fixture.graphql.lastEvent();
        assertThat(event.getHeaders()).containsEntry("Authorization", "Bearer token");
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
    }

    @Test
    void function_receivesTheGraphiqlResource_inTheProxyEvent() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), page());

        // WHEN
        fixture.send(fixture.request("/graphiql").GET());

        // THEN the function can route on the resource, as it does behind API Gateway
        APIGatewayProxyRequestEvent event = fixture.graphql.lastEvent();
        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getResource()).isEqualTo("/graphiql");
        assertThat(event.getPath()).isEqualTo("/graphiql");
        assertThat(event.getRequestContext().getResourcePath()).isEqualTo("/graphiql");
        assertThat(event.getRequestContext().getPath()).isEqualTo("/local/graphiql");
        assertThat(event.getBody()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
    void graphiql_hasOnlyGet_otherMethodsAreMissingAuthenticationToken(String method) throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), page());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphiql")
                .header("Authorization", "Bearer token")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\"}")));

        // THEN
        assertGatewayResponse(response, Refusal.MISSING_AUTHENTICATION_TOKEN);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void graphiql_answersPreflight_likeEveryResourceOfTheApi() throws Exception {
        // GIVEN SAM's Cors setting, which adds the OPTIONS mock integration to every path
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), page());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphiql")
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST,OPTIONS");
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void graphiql_returns502_whenTheFunctionFails_likeAnyIntegration() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event -> {
            throw new IllegalStateException("boom");
        }));

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphiql").GET());

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_FAILURE);
    }

    @Test
    void accessLog_saysTheAuthorizerWasNotCalled() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), page());

        // WHEN
        fixture.get("/graphiql", "Bearer token");

        // THEN
        assertThat(fixture.accessLog).singleElement().asString()
                .contains("\"path\":\"/graphiql\"").contains("\"status\":200")
                .contains("\"authorizer\":\"not-called\"").doesNotContain("Bearer token");
    }

    @Test
    void graphiqlUrl_isTheGraphiqlResourceOnTheLoopbackPort() {
        // GIVEN / WHEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), page());

        // THEN
        assertThat(fixture.gateway.url("/graphiql"))
                .hasToString("http://127.0.0.1:" + fixture.gateway.port() + "/graphiql");
    }
}
