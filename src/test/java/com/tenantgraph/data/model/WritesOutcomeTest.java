package com.tenantgraph.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.ProjectKeyMarker;
import com.tenantgraph.data.Table;
import com.tenantgraph.tenancy.TenantId;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * How {@link Writes} tells "applied" from "not applied" when an answer is lost (a unit test over a mocked client: the
 * SDK's exceptions are what a dropped or refused connection produces; DynamoDbFaultsIT does the same over a real
 * network fault against moto).
 */
class WritesOutcomeTest {
    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final Writes writes = new Writes(new Table(client, "t"), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private final Writes.Prepared<ProjectKeyMarker> prepared = writes.create(ProjectKeyMarker.MODEL,
            new ProjectKeyMarker(TenantId.of("t"), "KEY", "p1"), Instant.EPOCH);
    private final Map<String, AttributeValue> ITEM = prepared.item();


    private static SdkClientException lost() {
        return SdkClientException.create("Unable to execute HTTP request", new IOException("Connection reset"));
    }

    private static SdkClientException refused() {
        return SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"));
    }

    private Writes.Transaction transaction() {
        Writes.Transaction tx = writes.transaction("Test");
        tx.put(prepared, Expr.of("attribute_not_exists(PK)"));
        return tx;
    }

    @Test
    void aLostTransactionAnswer_isResentUnderTheSameToken_andItsSuccessIsTheAnswer() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(lost())
                .thenReturn(TransactWriteItemsResponse.builder().build());

        transaction().execute();

        ArgumentCaptor<TransactWriteItemsRequest> sent = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(client, times(2)).transactWriteItems(sent.capture());
        assertThat(sent.getAllValues().get(0).clientRequestToken()).isNotBlank()
                .isEqualTo(sent.getAllValues().get(1).clientRequestToken());
    }

    @Test
    void aTransactionWhoseAnswerIsLostTwice_isOutcomeUnknown() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(lost()).thenThrow(lost());

        assertThatThrownBy(() -> transaction().execute())
                .isInstanceOf(DataAccessException.OutcomeUnknownException.class);
    }

    @Test
    void aTransactionThatNeverReachedTheDatabase_isPlainUnavailable_andNotResent() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(refused());

        assertThatThrownBy(() -> transaction().execute())
                .isExactlyInstanceOf(DataAccessException.StoreUnavailableException.class);
        verify(client, times(1)).transactWriteItems(any(TransactWriteItemsRequest.class));
    }

    @Test
    void aConditionFailingOnTheVeryItemThisTransactionPut_isItsOwnEarlierSuccess() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().message("cancelled").cancellationReasons(
                        CancellationReason.builder().code("ConditionalCheckFailed").item(ITEM).build()).build());

        transaction().execute();
    }

    @Test
    void aConditionFailingOnSomeoneElsesItem_isAFailedCondition() {
        Map<String, AttributeValue> theirs = Map.of("PK", ITEM.get("PK"), "SK", ITEM.get("SK"),
                "version", AttributeValue.fromN("3"));
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(
                TransactionCanceledException.builder().message("cancelled").cancellationReasons(
                        CancellationReason.builder().code("ConditionalCheckFailed").item(theirs).build()).build());

        assertThatThrownBy(() -> transaction().execute())
                .isInstanceOf(DataAccessException.ConditionFailedException.class);
    }

    @Test
    void aSinglePutWhoseAnswerIsLost_isReadBack_andFoundIsSuccess_absentIsUnavailable() {
        when(client.putItem(any(PutItemRequest.class))).thenThrow(lost());
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().item(ITEM).build())
                .thenReturn(GetItemResponse.builder().build());

        writes.put("Test", prepared, Expr.of("attribute_not_exists(PK)"));
        assertThatThrownBy(() -> writes.put("Test", prepared, Expr.of("attribute_not_exists(PK)")))
                .isExactlyInstanceOf(DataAccessException.StoreUnavailableException.class);
    }
}
