package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * PRODUCT.md §9: the membership check adds no sequential round trip to a query. Proven by causality, not by timing:
 * the membership GetItem is held open until the query's own BatchGetItem has started; if the two ran one after the
 * other, the BatchGetItem could never start while the GetItem waits.
 */
class MembershipConcurrencyTest {

    @Test
    void membershipCheck_runsBesideTheQuerysOwnReads() {
        // GIVEN a membership GetItem that waits for the query's BatchGetItem to begin
        InProcessApi api = new InProcessApi().withActiveAdmin();
        CountDownLatch batchStarted = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        when(api.dynamoDb.batchGetItem(any(BatchGetItemRequest.class))).thenAnswer(call -> {
            batchStarted.countDown();
            return api.batchGetForTest(call.getArgument(0));
        });
        when(api.dynamoDb.getItem(any(GetItemRequest.class))).thenAnswer(call -> {
            overlapped.set(batchStarted.await(10, TimeUnit.SECONDS));
            return api.getItemForTest(call.getArgument(0));
        });

        // WHEN a query reads the tenant (through the loader) and the caller (through the membership check)
        InProcessApi.Reply reply = api.query("{ me { email } tenant { name } }");

        // THEN the answer is complete, and the BatchGetItem started while the membership read was still open
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.rawBody()).contains("Acme").contains("u-1@example.com");
        assertThat(overlapped).as("BatchGetItem started during the membership GetItem").isTrue();
        assertThat(api.calls("getItem")).hasSize(1);
        assertThat(api.calls("batchGetItem")).hasSize(1);
    }
}
