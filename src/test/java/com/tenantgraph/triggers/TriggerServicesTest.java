package com.tenantgraph.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the trigger functions' composition root accepts from an environment, deployed (the process's) or local (the
 * stack's map): the pool the triggers act on, and the refusals that stop a misconfigured function at init.
 */
class TriggerServicesTest {

    @Test
    void withoutUserPoolId_theTriggersActOnThePoolThatInvokedThem() {
        try (TriggerServices services = TriggerServices.fromEnvironment(Map.of("TABLE_NAME", "tenantgraph"))) {
            assertThat(services.onboarding().directory("eu-west-1_invoking")).hasValueSatisfying(directory ->
                    assertThat(directory.userPoolId()).isEqualTo("eu-west-1_invoking"));
            assertThat(services.onboarding().directory("")).isEmpty();
        }
    }

    @Test
    void withUserPoolId_theTriggersIgnoreEveryOtherPool() {
        try (TriggerServices services = TriggerServices.fromEnvironment(Map.of("TABLE_NAME", "tenantgraph",
                "USER_POOL_ID", " local_pool ", "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
                "COGNITO_ENDPOINT", "http://127.0.0.1:9229"))) {
            assertThat(services.onboarding().directory("local_pool")).isPresent();
            assertThat(services.onboarding().directory("other_pool")).isEmpty();
        }
    }

    @Test
    void aMissingTableName_isRefused() {
        assertThatThrownBy(() -> TriggerServices.fromEnvironment(Map.of("TABLE_NAME", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("TABLE_NAME is required");
    }

    @Test
    void anEndpointOtherThanLoopback_isRefused_namingItsVariable() {
        assertThatThrownBy(() -> TriggerServices.fromEnvironment(Map.of("TABLE_NAME", "tenantgraph",
                "COGNITO_ENDPOINT", "http://10.0.0.1:9229")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("COGNITO_ENDPOINT: ");
    }
}
