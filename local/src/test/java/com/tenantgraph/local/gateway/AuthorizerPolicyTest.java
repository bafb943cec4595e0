package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts of reading an authorizer answer that a Java authorizer cannot produce, so HTTP tests cannot reach. */
class AuthorizerPolicyTest {
    private static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graphql";

    @Test
    void parse_acceptsSingleStatementObjectAndStringResource() throws Exception {
        // GIVEN
        String answer = """
                {"principalId":"u-1","policyDocument":{"Version":"2012-10-17",
                 "Statement":{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"%s"}}}""".formatted(ARN);

        // WHEN
        AuthorizerPolicy policy = AuthorizerPolicy.parse(bytes(answer));

        // THEN
        assertThat(policy.allows(ARN)).isTrue();
        assertThat(policy.requestContextAuthorizer()).isEqualTo(Map.of("principalId", "u-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "{}"})
    void allows_treatsANullOrEmptyCondition_asNoCondition(String condition) throws Exception {
        // GIVEN an Allow whose Condition is null (IamPolicyResponse's default) or empty (what our authorizer sends)
        String answer = """
                {"principalId":"u-1","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke",
                 "Effect":"Allow","Resource":["arn:aws:execute-api:us-east-1:000000000000:local/local/*/*"],
                 "Condition":%s}]}}""".formatted(condition);

        // WHEN
        AuthorizerPolicy policy = AuthorizerPolicy.parse(bytes(answer));

        // THEN the Allow applies, as IAM applies it
        assertThat(policy.allows(ARN)).isTrue();
    }

    @Test
    void parse_refusesNullContextValue() {
        // GIVEN
        String answer = """
                {"principalId":"u-1","policyDocument":{"Statement":[]},"context":{"tenantId":null}}""";

        // WHEN / THEN
        assertThatThrownBy(() -> AuthorizerPolicy.parse(bytes(answer)))
                .isInstanceOf(MalformedAnswerException.class)
                .hasMessage("context value tenantId is not a string, number or boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[]",
            "{\"policyDocument\":{\"Statement\":[]}}",
            "{\"principalId\":7,\"policyDocument\":{\"Statement\":[]}}",
            "{\"principalId\":\"u-1\",\"policyDocument\":{}}",
            "{\"principalId\":\"u-1\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}}",
            "{\"principalId\":\"u-1\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}}",
            "{\"principalId\":\"u-1\",\"policyDocument\":{\"Statement\":[]},\"context\":[]}",
    })
    void parse_refusesAnswerApiGatewayCannotUse(String answer) {
        assertThatThrownBy(() -> AuthorizerPolicy.parse(bytes(answer))).isInstanceOf(MalformedAnswerException.class);
    }

    @Test
    void allows_isFalse_forEmptyStatementList() throws Exception {
        // GIVEN
        AuthorizerPolicy policy = AuthorizerPolicy.parse(bytes(
                "{\"principalId\":\"u-1\",\"policyDocument\":{\"Statement\":[]}}"));

        // WHEN / THEN
        assertThat(policy.allows(ARN)).isFalse();
    }

    @Test
    void conditionalStatements_failClosed() throws Exception {
        // GIVEN an Allow and a Deny that the local gateway cannot evaluate
        AuthorizerPolicy conditionalAllow = AuthorizerPolicy.parse(bytes("""
                {"principalId":"u-1","policyDocument":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.1/32"}}}]}}"""));
        AuthorizerPolicy allowAndConditionalDeny = AuthorizerPolicy.parse(bytes("""
                {"principalId":"u-1","policyDocument":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Effect":"Deny","NotAction":"*","NotResource":"arn:other"}]}}"""));

        // WHEN / THEN
        assertThat(conditionalAllow.allows(ARN)).isFalse();
        assertThat(allowAndConditionalDeny.allows(ARN)).isFalse();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
