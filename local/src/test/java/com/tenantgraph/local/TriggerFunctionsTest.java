package com.tenantgraph.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.AwsClients;
import com.tenantgraph.local.template.SamTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * The local trigger functions run with the deadlines of the deployed ones: their clients are the factory's with the
 * trigger timeouts, and those fit inside the Timeout template.yaml gives each trigger function.
 */
class TriggerFunctionsTest {
    private static final List<String> TRIGGER_FUNCTIONS = List.of("PreSignUpFunction", "PostConfirmationFunction",
            "PostAuthenticationFunction");

    @Test
    void theTriggersClients_haveTheDeployedTriggersTimeouts() {
        // WHEN the local stack builds the triggers' clients
        try (TriggerFunctions.Clients clients = TriggerFunctions.Clients.of(URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:2"), "us-east-1")) {
            // THEN each has the trigger timeouts (per attempt and per call), not the GraphQL function's or the setup's
            for (SdkClient client : List.<SdkClient>of(clients.dynamoDb(), clients.cognito())) {
                ClientOverrideConfiguration config = client.serviceClientConfiguration().overrideConfiguration();
                assertThat(config.apiCallAttemptTimeout()).as(client.serviceName())
                        .contains(AwsClients.Timeouts.TRIGGER.attempt());
                assertThat(config.apiCallTimeout()).as(client.serviceName())
                        .contains(AwsClients.Timeouts.TRIGGER.call());
            }
        }
    }

    @Test
    void theTriggerTimeouts_fitInsideEveryTriggerFunctionsTimeout() {
        // WHEN template.yaml's trigger functions are read
        SamTemplate template = SamTemplate.read(RepoFiles.template(), LocalSettings.LOCAL_PARAMETERS);

        // THEN one call of a trigger ends well before the function's Timeout (the local Lambda endpoint's too)
        for (String function : TRIGGER_FUNCTIONS) {
            Duration timeout = Duration.ofSeconds(Long.parseLong(template.value(template.property(function,
                    "Timeout"))));
            assertThat(AwsClients.Timeouts.TRIGGER.call()).as(function).isLessThan(timeout);
        }
        assertThat(TriggerFunctions.NAMES).hasSize(TRIGGER_FUNCTIONS.size());
    }
}
