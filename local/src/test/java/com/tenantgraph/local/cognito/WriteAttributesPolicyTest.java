package com.tenantgraph.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.local.LocalSettings;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.template.SamTemplate;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which requests {@link WriteAttributesPolicy} refuses, over request bodies as the AWS SDK sends them
 * ({@code CognitoWriteAttributesIT} sends them through the proxy to cognito-local), and the lists it takes from
 * template.yaml.
 */
class WriteAttributesPolicyTest {
    private static final String T = WriteAttributesPolicy.TARGET_PREFIX;
    private static final WriteAttributesPolicy POLICY = new WriteAttributesPolicy(
            Map.of("web", List.of("email", "name", "custom:workspaceName")));

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String accessToken(String clientId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(json("{\"alg\":\"RS256\"}")) + "."
                + b64.encodeToString(json("{\"client_id\":\"" + clientId + "\",\"token_use\":\"access\"}")) + ".sig";
    }

    @Test
    void signUp_isRefused_whenItWritesAnAttributeTheClientMayNotWrite() {
        assertThat(POLICY.refuses(T + "SignUp", json("{\"ClientId\":\"web\",\"Username\":\"a@b.test\","
                + "\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"a@b.test\"},"
                + "{\"Name\":\"custom:tenantId\",\"Value\":\"acme\"}]}"))).isTrue();
        assertThat(POLICY.refuses(T + "SignUp", json("{\"ClientId\":\"web\",\"UserAttributes\":"
                + "[{\"Name\":\"email_verified\",\"Value\":\"true\"}]}"))).isTrue();
    }

    @Test
    void signUp_passes_withAllowedAttributesOnly_orNone() {
        assertThat(POLICY.refuses(T + "SignUp", json("{\"ClientId\":\"web\",\"UserAttributes\":["
                + "{\"Name\":\"email\",\"Value\":\"a@b.test\"},{\"Name\":\"custom:workspaceName\",\"Value\":\"W\"}]}")))
                .isFalse();
        assertThat(POLICY.refuses(T + "SignUp", json("{\"ClientId\":\"web\",\"Username\":\"u\"}"))).isFalse();
    }

    @Test
    void updateUserAttributes_takesTheClientFromTheAccessToken() {
        String tenant = "{\"AccessToken\":\"%s\",\"UserAttributes\":[{\"Name\":\"custom:tenantId\",\"Value\":\"x\"}]}";
        String name = "{\"AccessToken\":\"%s\",\"UserAttributes\":[{\"Name\":\"name\",\"Value\":\"N\"}]}";

        assertThat(POLICY.refuses(T + "UpdateUserAttributes", json(tenant.formatted(accessToken("web"))))).isTrue();
        assertThat(POLICY.refuses(T + "UpdateUserAttributes", json(name.formatted(accessToken("web"))))).isFalse();
    }

    @Test
    void respondToAuthChallenge_checksTheUserAttributesOfANewPasswordChallenge() {
        assertThat(POLICY.refuses(T + "RespondToAuthChallenge", json("{\"ClientId\":\"web\",\"ChallengeName\":"
                + "\"NEW_PASSWORD_REQUIRED\",\"ChallengeResponses\":{\"USERNAME\":\"u\",\"NEW_PASSWORD\":\"p\","
                + "\"userAttributes.custom:tenantId\":\"acme\"}}"))).isTrue();
        assertThat(POLICY.refuses(T + "RespondToAuthChallenge", json("{\"ClientId\":\"web\",\"ChallengeResponses\":"
                + "{\"USERNAME\":\"u\",\"NEW_PASSWORD\":\"p\",\"userAttributes.name\":\"N\"}}"))).isFalse();
    }

    @Test
    void whatItCannotRead_orAdminCalls_orOtherOperations_passToCognitoLocal() {
        byte[] tenantAttribute = json("{\"ClientId\":\"web\",\"UserPoolId\":\"p\",\"Username\":\"u\","
                + "\"UserAttributes\":[{\"Name\":\"custom:tenantId\",\"Value\":\"acme\"}]}");
        assertThat(POLICY.refuses(T + "AdminUpdateUserAttributes", tenantAttribute)).isFalse();
        assertThat(POLICY.refuses(T + "AdminCreateUser", tenantAttribute)).isFalse();
        assertThat(POLICY.refuses(T + "InitiateAuth", tenantAttribute)).isFalse();
        assertThat(POLICY.refuses(null, tenantAttribute)).isFalse();
        assertThat(POLICY.refuses("Other.SignUp", tenantAttribute)).isFalse();
        assertThat(POLICY.refuses(T + "SignUp", json("not json"))).isFalse();
        assertThat(POLICY.refuses(T + "UpdateUserAttributes", json("{\"AccessToken\":\"not-a-jwt\","
                + "\"UserAttributes\":[{\"Name\":\"custom:tenantId\",\"Value\":\"x\"}]}"))).isFalse();
        assertThat(POLICY.refuses(T + "SignUp", json("{\"ClientId\":\"unknown\",\"UserAttributes\":"
                + "[{\"Name\":\"custom:tenantId\",\"Value\":\"x\"}]}"))).isFalse();
    }

    @Test
    void theTemplatesClients_mayNotWriteTheTenant_andTheirListsAreTheTemplatesOwn() {
        SamTemplate template = SamTemplate.read(RepoFiles.template(), LocalSettings.LOCAL_PARAMETERS);

        AppClientAttributes web = AppClientAttributes.fromTemplate(template, AppClientAttributes.WEB_CLIENT);
        AppClientAttributes explorer = AppClientAttributes.fromTemplate(template, AppClientAttributes.EXPLORER_CLIENT);

        List<String> webWrite = template.property("WebClient", "WriteAttributes").items().stream()
                .map(n -> n.text()).toList();
        assertThat(web.write()).isEqualTo(webWrite).contains("email").doesNotContain("custom:tenantId");
        assertThat(explorer.write()).doesNotContain("custom:tenantId");
        assertThat(web.read()).contains("custom:tenantId");
        assertThatThrownBy(() -> AppClientAttributes.fromTemplate(template, "UserPool"))
                .hasMessageContaining("must be an AWS::Cognito::UserPoolClient");
    }

    @Test
    void aTakenPort_isAClearError_namingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            assertThatThrownBy(() -> WriteAttributesProxy.start(taken.getLocalPort(), "TG_COGNITO_PORT",
                    URI.create("http://127.0.0.1:1"), Map.of()))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("TG_COGNITO_PORT");
        }
    }
}
