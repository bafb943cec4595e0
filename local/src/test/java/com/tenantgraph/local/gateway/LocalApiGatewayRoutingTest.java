package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.emulator.QuietPorts;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalApiGatewayRoutingTest {
    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/graphql/extra", "/GraphQL", "/local/graphql", "/graphiql/", "/GraphiQL"})
    void gateway_returns404MissingAuthenticationToken_withoutCallingAuthorizer_whenPathUnknown(String path)
            throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.get(path, "Bearer token.e30.c2ln");

        // THEN
        assertGatewayResponse(response, Refusal.MISSING_AUTHENTICATION_TOKEN);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    void gateway_returns404MissingAuthenticationToken_whenMethodNotOnResource(String method) throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphql")
                .header("Authorization", "Bearer token.e30.c2ln")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")));

        // THEN
        assertGatewayResponse(response, Refusal.MISSING_AUTHENTICATION_TOKEN);
        assertThat(fixture.authorizer.calls()).isZero();
    }

    @Test
    void gateway_answersHeadWithoutBody_asMissingAuthenticationToken() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> response = fixture.send(fixture.request("/graphql")
                .header("Authorization", "Bearer token.e30.c2ln")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        // THEN
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
        assertThat(fixture.accessLog).singleElement().asString().contains("\"status\":404");
    }

    @Test
    void gateway_answersPreflightWithCorsHeaders_withoutCallingAuthorizerOrFunction() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN a browser's preflight, which carries no Authorization header
        HttpResponse<String> response = fixture.send(fixture.request("/graphql")
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers",
                        "authorization,content-type,apollographql-client-name,x-amz-user-agent")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        // THEN the headers that well-known GraphQL clients send are allowed
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Authorization,Content-Type,Accept,X-Amz-User-Agent,X-Amz-Date,X-Api-Key,X-Requested-With,Apollographql-Client-Name,Apollographql-Client-Version");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST,OPTIONS");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isEmpty();
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void url_isTheResourceOnTheLoopbackPort() {
        // GIVEN / WHEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // THEN
        assertThat(fixture.gateway.port()).isPositive();
        assertThat(fixture.gateway.url("/graphql")).hasToString("http://127.0.0.1:" + fixture.gateway.port()
                + "/graphql");
    }

    @Test
    void url_refusesAPathThatIsNotAResourceOfTheApi() {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN / THEN
        assertThatThrownBy(() -> fixture.gateway.url("/graphql/v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/graphql/v2 is not a resource of the API")
                .hasMessageContaining("[/graphiql, /graphql]");
    }

    @Test
    void start_failsNamingPortAndSetting_whenPortTaken() {
        // GIVEN a gateway holding a port
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        int taken = fixture.gateway.port();

        // WHEN / THEN
        assertThatThrownBy(() -> LocalApiGateway.start(LocalApiGateway.Config.defaults(taken),
                GatewayFixture.api(Map.of()), FakeAuthorizer.allowingAll(),
                Map.of(GatewayFixture.GRAPHQL_FUNCTION, FakeGraphql.ok())))
                .isInstanceOf(Ports.PortInUseException.class)
                .hasMessageContaining("port " + taken)
                .hasMessageContaining("LocalApiGateway.Config.port");
    }

    @Test
    void close_releasesPortAndStopsAnswering() {
        // GIVEN a gateway on a port no other process's connection can be handed meanwhile
        int port = QuietPorts.freeBelowEphemeralRange();
        fixture = GatewayFixture.start(LocalApiGateway.Config.defaults(port), FakeAuthorizer.allowingAll(),
                FakeGraphql.ok());
        assertThat(fixture.gateway.port()).isEqualTo(port);

        // WHEN
        fixture.close();

        // THEN
        Ports.requireFree(port, "the test", "nothing");
        assertThatThrownBy(() -> fixture.post("Bearer token.e30.c2ln")).isInstanceOf(ConnectException.class);
    }

    @Test
    void start_failsNamingTheFunction_whenTheTemplateIntegratesOneWithoutAHandler() {
        // WHEN the API's function has no handler
        assertThatThrownBy(() -> LocalApiGateway.start(LocalApiGateway.Config.defaults(0),
                GatewayFixture.api(Map.of()), FakeAuthorizer.allowingAll(), Map.of("OtherFunction", FakeGraphql.ok())))
                // THEN
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integrates the function GraphQlFunction")
                .hasMessageContaining("[OtherFunction]");
    }

    @Test
    void config_defaults_areApiGatewayDefaults() {
        // WHEN
        LocalApiGateway.Config config = LocalApiGateway.Config.defaults(0);

        // THEN
        assertThat(config.port()).isZero();
        assertThat(config.integrationTimeout()).isEqualTo(Duration.ofSeconds(29));
    }
}
