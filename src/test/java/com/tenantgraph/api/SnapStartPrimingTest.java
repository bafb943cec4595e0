package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Priming runs the real request path to completion, and never touches DynamoDB (a snapshot must hold no connection). */
class SnapStartPrimingTest {

    @Test
    void prime_answersEveryRequest_withoutCallingDynamoDb() {
        // GIVEN the application over a mocked client that would record any call
        MockedTableApi api = new MockedTableApi();

        // WHEN priming runs
        int answered = SnapStartPriming.register(api.application, new GraphiQlPage(BrowserConfig.pastedTokensOnly())).prime(SnapStartPriming.ROUNDS);

        // THEN every priming request succeeded and DynamoDB was never called
        assertThat(answered).isEqualTo(SnapStartPriming.ROUNDS);
        assertThat(org.mockito.Mockito.mockingDetails(api.dynamoDb).getInvocations()).isEmpty();
    }
}
