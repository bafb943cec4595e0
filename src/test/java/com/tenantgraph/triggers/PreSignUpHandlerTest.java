package com.tenantgraph.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreSignUpHandlerTest {
    /** These sign-ups carry no invitation: nothing is read. */
    private final PreSignUpHandler handler = new PreSignUpHandler(org.mockito.Mockito.mock(Onboarding.class));

    @Test
    void signUp_passes_withAWorkspaceNameAndNoTenant() {
        // GIVEN a sign-up naming its workspace
        CognitoUserPoolPreSignUpEvent event = event("PreSignUp_SignUp", Map.of("email", "a@b.test",
                "custom:workspaceName", "Hopper Labs"));

        // WHEN / THEN it passes unchanged (no auto-confirmation)
        CognitoUserPoolPreSignUpEvent answer = handler.handleRequest(event, null);
        assertThat(answer).isSameAs(event);
        assertThat(answer.getResponse()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "", "t-0123456789abcdef0123"})
    void signUp_isRefused_whenItSuppliesATenantId_whateverTheValue(String tenant) {
        Map<String, String> attributes = new HashMap<>(Map.of("custom:workspaceName", "Mine"));
        attributes.put("custom:tenantId", tenant);

        assertThatThrownBy(() -> handler.handleRequest(event("PreSignUp_SignUp", attributes), null))
                .isInstanceOf(SignUpRefusedException.class)
                .hasMessageContaining("custom:tenantId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "01234567890123456789012345678901234567890123456789012345678901234"})
    void signUp_isRefused_withAnInvalidWorkspaceName(String name) {
        assertThatThrownBy(() -> handler.handleRequest(event("PreSignUp_SignUp",
                Map.of("custom:workspaceName", name)), null))
                .isInstanceOf(SignUpRefusedException.class)
                .hasMessageContaining("custom:workspaceName");
    }

    @Test
    void signUp_isRefused_withoutAWorkspaceName() {
        assertThatThrownBy(() -> handler.handleRequest(event("PreSignUp_SignUp", Map.of("email", "a@b.test")), null))
                .isInstanceOf(SignUpRefusedException.class)
                .hasMessageContaining("custom:workspaceName");
    }

    @Test
    void adminCreatedUser_passes_withTheTenantTheServerSet() {
        // GIVEN a user created through the admin API (the operator's bootstrap: the server set custom:tenantId)
        CognitoUserPoolPreSignUpEvent event = event("PreSignUp_AdminCreateUser", Map.of("custom:tenantId", "acme"));

        // WHEN / THEN it passes
        assertThat(handler.handleRequest(event, null)).isSameAs(event);
    }

    private static CognitoUserPoolPreSignUpEvent event(String source, Map<String, String> attributes) {
        return CognitoUserPoolPreSignUpEvent.builder().withTriggerSource(source)
                .withRequest(CognitoUserPoolPreSignUpEvent.Request.builder().withUserAttributes(attributes).build())
                .build();
    }
}
