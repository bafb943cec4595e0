package com.tenantgraph.local.gateway;

import static com.tenantgraph.local.gateway.GatewayResponseAssert.assertGatewayResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalApiGatewayIntegrationTest {
    private static final String TOKEN = "Bearer token-a.e30.c2ln";
    private static final String QUERY = "{\"query\":\"query Me { me { id } }\",\"operationName\":\"Me\"}";

    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void function_receivesProxyEvent_withMethodPathHeadersQueryAndBody() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        fixture.send(fixture.request("/graphql?trace=1&tag=a&tag=b%20c")
                .header("Authorization", TOKEN)
                .header("Content-Type", "application/json")
                .header("X-Client", "web")
                .header("X-Client", "v2")
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)));

        // THEN
        APIGatewayProxyRequestEvent event = fixture.graphql.lastEvent();
        assertThat(event.getHttpMethod()).isEqualTo("POST");
        assertThat(event.getPath()).isEqualTo("/graphql");
        assertThat(event.getResource()).isEqualTo("/graphql");
        assertThat(event.getHeaders())
                .containsEntry("Content-type", "application/json")
                .containsEntry("Authorization", TOKEN)
                .containsEntry("X-client", "v2");
        assertThat(event.getMultiValueHeaders()).containsEntry("X-client", List.of("web", "v2"));
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("trace", "1", "tag", "b c"));
        assertThat(event.getMultiValueQueryStringParameters())
                .isEqualTo(Map.of("trace", List.of("1"), "tag", List.of("a", "b c")));
        // template.yaml declares every media type binary (BinaryMediaTypes */*): the body arrives base64-encoded
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)).isEqualTo(QUERY);
    }

    @Test
    void function_receivesGetWithoutBodyOrQuery_asNulls() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        fixture.get("/graphql", TOKEN);

        // THEN
        APIGatewayProxyRequestEvent event = fixture.graphql.lastEvent();
        assertThat(event.getHttpMethod()).isEqualTo("GET");
        assertThat(event.getBody()).isNull();
        assertThat(event.getQueryStringParameters()).isNull();
        assertThat(event.getMultiValueQueryStringParameters()).isNull();
    }

    @Test
    void function_receivesRequestContext_withRequestIdStageMethodResourceSourceIpAndTime() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        long before = System.currentTimeMillis();

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        APIGatewayProxyRequestEvent.ProxyRequestContext context = fixture.graphql.lastEvent().getRequestContext();
        assertThat(context.getRequestId())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        assertThat(context.getStage()).isEqualTo("local");
        assertThat(context.getHttpMethod()).isEqualTo("POST");
        assertThat(context.getResourcePath()).isEqualTo("/graphql");
        assertThat(context.getPath()).isEqualTo("/local/graphql");
        assertThat(context.getAccountId()).isEqualTo("000000000000");
        assertThat(context.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getRequestTimeEpoch()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void function_receivesFreshRequestId_forEachRequest() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        fixture.post(TOKEN);
        String first = fixture.graphql.lastEvent().getRequestContext().getRequestId();
        fixture.post(TOKEN);
        String second = fixture.graphql.lastEvent().getRequestContext().getRequestId();

        // THEN
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void function_receivesAuthorizerContextAsStrings_withPrincipalId() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(Map.of("tenantId", "t-1", "userId", "u-1",
                "exp", 1_900_000_000L, "emailVerified", true, "weight", 0.5)), FakeGraphql.ok());

        // WHEN
        fixture.post(TOKEN);

        // THEN
        assertThat(fixture.graphql.lastEvent().getRequestContext().getAuthorizer()).isEqualTo(Map.of(
                "principalId", "user-1", "tenantId", "t-1", "userId", "u-1", "exp", "1900000000",
                "emailVerified", "true", "weight", "0.5"));
    }

    @Test
    void response_carriesFunctionStatusHeadersAndBody_mergingMultiValueHeaders() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event ->
                new APIGatewayProxyResponseEvent()
                        .withStatusCode(207)
                        .withHeaders(Map.of("Content-Type", "application/graphql-response+json",
                                "X-Single", "one", "X-Both", "from-headers"))
                        .withMultiValueHeaders(Map.of("X-Both", List.of("m1", "m2"), "X-Multi", List.of("a", "b")))
                        .withBody("{\"data\":null}")));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/graphql-response+json");
        assertThat(response.headers().allValues("X-Single")).containsExactly("one");
        assertThat(response.headers().allValues("X-Both")).containsExactly("m1", "m2");
        assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).isEqualTo("{\"data\":null}");
    }

    @Test
    void response_defaultsContentTypeToJson_whenFunctionSetsNone() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event ->
                new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{}")));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
    }

    @Test
    void response_decodesBody_whenIsBase64Encoded() throws Exception {
        // GIVEN
        byte[] bytes = {(byte) 0xff, 0x00, 0x7f};
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event ->
                new APIGatewayProxyResponseEvent().withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                        .withBody(Base64.getEncoder().encodeToString(bytes)).withIsBase64Encoded(true)));

        // WHEN
        HttpResponse<byte[]> response = fixture.sendForBytes(fixture.request("/graphql")
                .header("Authorization", TOKEN).GET());

        // THEN
        assertThat(response.body()).containsExactly(bytes);
    }

    @Test
    void gateway_returns502_whenAnswerHasNoStatusCode() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event ->
                new APIGatewayProxyResponseEvent().withBody("{}")));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_FAILURE);
    }

    @Test
    void gateway_returns502_whenFunctionThrows() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event -> {
            throw new IllegalStateException("table not found");
        }));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_FAILURE);
        assertThat(response.body()).doesNotContain("table not found");
    }

    @Test
    void gateway_returns502_whenFunctionReturnsNull() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.answering(event -> null));

        // WHEN
        HttpResponse<String> response = fixture.post(TOKEN);

        // THEN
        assertGatewayResponse(response, Refusal.INTEGRATION_FAILURE);
    }

    @Test
    void function_receivesTheBodysExactBytes_base64Encoded() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());
        String body = "{\"query\":\"{ project(key: \\\"CAFÉ\\\") { name } }\"}";

        // WHEN
        fixture.send(fixture.request("/graphql").header("Authorization", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));

        // THEN
        assertThat(fixture.graphql.lastEvent().getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(fixture.graphql.lastEvent().getBody()))
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }
}
