package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalApiGatewayAccessLogTest {
    private static final String SECRET_TOKEN = "Bearer eyJzZWNyZXQiOiJ0b2tlbiJ9.c2VjcmV0.c2ln";

    private GatewayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void gateway_writesOneJsonLinePerRequest_withOutcomeAndCache() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(), FakeGraphql.ok());

        // WHEN
        HttpResponse<String> first = fixture.post(SECRET_TOKEN);
        fixture.post(SECRET_TOKEN);
        fixture.get("/nowhere", SECRET_TOKEN);

        // THEN
        List<Map<String, Object>> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .containsEntry("type", "access")
                .containsEntry("requestId", first.headers().firstValue("x-amzn-RequestId").orElseThrow())
                .containsEntry("method", "POST")
                .containsEntry("path", "/graphql")
                .containsEntry("status", 200)
                .containsEntry("authorizer", "allow")
                .containsEntry("authorizerCached", false)
                .containsKeys("time", "latencyMs");
        assertThat(lines.get(1)).containsEntry("authorizer", "allow").containsEntry("authorizerCached", true);
        assertThat(lines.get(2)).containsEntry("status", 404).containsEntry("authorizer", "not-called")
                .containsKey("reason");
    }

    @Test
    void gateway_neverLogsToken_whateverTheOutcome() throws Exception {
        // GIVEN authorizers that allow, deny, refuse and fail for the same token (the last one quoting it in its
        // error), each in front of a function that fails quoting the token
        List<FakeAuthorizer> authorizers = List.of(
                FakeAuthorizer.allowingAll(),
                FakeAuthorizer.answering(event -> FakeAuthorizer.policy(event.getAuthorizationToken(),
                        IamPolicyResponse.denyStatement(FakeAuthorizer.ALL_METHODS), Map.of())),
                FakeAuthorizer.throwing(new RuntimeException("Unauthorized")),
                FakeAuthorizer.throwing(new IllegalStateException("bad token " + SECRET_TOKEN)));
        List<String> lines = new ArrayList<>();

        // WHEN
        for (FakeAuthorizer authorizer : authorizers) {
            try (GatewayFixture each = GatewayFixture.start(authorizer, FakeGraphql.answering(event -> {
                throw new IllegalStateException("cannot serve " + event.getHeaders().get("Authorization"));
            }))) {
                each.post(SECRET_TOKEN);
                each.get("/graphql?token=" + SECRET_TOKEN.substring(7), SECRET_TOKEN);
                lines.addAll(each.accessLog);
            }
        }

        // THEN
        assertThat(lines).hasSize(8)
                .noneMatch(line -> line.contains("eyJ"))
                .anyMatch(line -> line.contains("\"authorizer\":\"allow\""))
                .anyMatch(line -> line.contains("\"authorizer\":\"deny\""))
                .anyMatch(line -> line.contains("\"authorizer\":\"unauthorized\""))
                .anyMatch(line -> line.contains("\"authorizer\":\"configuration-error\""));
    }

    @Test
    void gateway_logsWhyItRefused() throws Exception {
        // GIVEN
        fixture = GatewayFixture.start(FakeAuthorizer.allowingAll(Map.of("groups", List.of("a"))),
                FakeGraphql.ok());

        // WHEN
        fixture.post(SECRET_TOKEN);

        // THEN
        assertThat(lines().get(0))
                .containsEntry("status", 500)
                .containsEntry("authorizer", "configuration-error")
                .containsEntry("reason", "context value groups is not a string, number or boolean");
    }

    private List<Map<String, Object>> lines() throws Exception {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : fixture.accessLog) {
            lines.add(JSON.std.mapFrom(line));
        }
        return lines;
    }
}
