package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests the JDK HTTP server would answer itself with an HTML page get a GraphQL-shaped JSON error from the local
 * API Gateway instead, over a real socket, and reach neither the authorizer nor the function; a well-formed request
 * on the same port still passes.
 */
class LocalApiGatewayMalformedRequestTest {
    private GatewayFixture fixture;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /graphql?query=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /graphql?query={%20me%20} HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n",
            "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            "POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            "G(T /graphql HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /graphql\r\nHost: x\r\n\r\n",
            "GET /graphql HTTP/1.1\r\nno colon here\r\n\r\n"})
    void aRequestTheHttpServerWouldRefuse_isAGraphQlShapedBadRequest(String request) throws IOException {
        Answer answer = send(request);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertGraphQlError(answer);
        assertThat(fixture.authorizer.calls()).isZero();
        assertThat(fixture.graphql.calls()).isZero();
    }

    @Test
    void anotherHttpVersion_is505_andAnOversizedHead_is431_bothGraphQlShaped() throws IOException {
        Answer version = send("GET /graphql HTTP/2.0\r\nHost: x\r\n\r\n");
        Answer huge = send("GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(HttpFront.MAX_HEAD_BYTES)
                + "\r\n\r\n");

        assertThat(version.status()).isEqualTo(505);
        assertGraphQlError(version);
        assertThat(huge.status()).isEqualTo(431);
        assertGraphQlError(huge);
    }

    @Test
    void aWellFormedRequest_stillReachesTheFunction() throws Exception {
        HttpResponse<String> response = fixture.send(fixture.request("/graphql?query=%7B%20me%20%7D")
                .header("Authorization", "Bearer token-a.e30.c2ln").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fixture.graphql.calls()).isEqualTo(1);
    }

    private record Answer(int status, String contentType, String body, String raw) {
    }

    @SuppressWarnings("unchecked")
    private static void assertGraphQlError(Answer answer) throws IOException {
        assertThat(answer.contentType()).startsWith("application/json");
        Map<String, Object> body = JSON.std.mapFrom(answer.body());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).hasSize(1);
        assertThat((String) errors.get(0).get("message")).isNotBlank();
        assertThat((Map<String, Object>) errors.get(0).get("extensions")).containsEntry("code", "BAD_USER_INPUT");
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fixture.gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the gateway may answer and close before the whole request was written
            }
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = raw.split("\r\n\r\n", 2);
            int status = Integer.parseInt(parts[0].split(" ")[1]);
            String contentType = parts[0].lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Answer(status, contentType, parts.length > 1 ? parts[1] : "", raw);
        }
    }
}
