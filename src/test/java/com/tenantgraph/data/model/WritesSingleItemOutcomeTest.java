package com.tenantgraph.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * How a single UpdateItem or DeleteItem tells "applied" from "not applied" when an answer is lost (a unit test over a
 * mocked client; {@code LostAnswersIT} does it over a real network fault against moto): an update recognises its own
 * write id, a conditional delete travels as a one-action transaction under a client request token.
 */
class WritesSingleItemOutcomeTest {
    private static final TableKey KEY = new TableKey("TENANT#t#X#1", "X");

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    /** An entity with no audit settings, so the update sent is exactly the caller's plus the write id. */
    record Note(String body) {
    }

    private static final EntityModel<Note> NOTE = EntityModel.of(Note.class, "NOTE").key(note -> KEY).build();

    private final Writes writes = new Writes(new Table(client, "t"), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static SdkClientException lost() {
        return SdkClientException.create("Unable to execute HTTP request", new IOException("Connection reset"));
    }

    private Map<String, AttributeValue> update() {
        return writes.update("Test", NOTE, KEY, Update.set("#b = :b").name("#b", "body").value(":b", "new"),
                Expr.of("#v = :v").name("#v", "version").value(":v", 1), ReturnValue.ALL_NEW, null);
    }

    private static Map<String, AttributeValue> stored(String writeId, int version) {
        Map<String, AttributeValue> item = new HashMap<>(KEY.toAttributeMap());
        item.put("body", AttributeValue.fromS("new"));
        item.put("version", AttributeValue.fromN(Integer.toString(version)));
        item.put(Writes.WRITE_ID, AttributeValue.fromS(writeId));
        return item;
    }

    private static ConditionalCheckFailedException failedOn(Map<String, AttributeValue> item) {
        return ConditionalCheckFailedException.builder().message("failed").item(item).build();
    }

    @Test
    void anUpdate_setsAFreshWriteId_andItsConditionRefusesAnItemThatAlreadyCarriesIt() {
        when(client.updateItem(any(UpdateItemRequest.class))).thenReturn(UpdateItemResponse.builder()
                .attributes(stored("x", 2)).build());

        update();

        ArgumentCaptor<UpdateItemRequest> sent = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client).updateItem(sent.capture());
        UpdateItemRequest request = sent.getValue();
        assertThat(request.updateExpression()).isEqualTo("SET #b = :b, #writeId = :writeId");
        assertThat(request.conditionExpression())
                .isEqualTo("(#v = :v) AND (attribute_not_exists(#writeId) OR #writeId <> :writeId)");
        assertThat(request.expressionAttributeNames()).containsEntry("#writeId", Writes.WRITE_ID);
        assertThat(request.expressionAttributeValues().get(":writeId").s()).hasSize(36);
    }

    @Test
    void anUpdateWhoseConditionFailsOnItsOwnWriteId_isItsOwnEarlierSuccess_answeredWithTheItemNow() {
        // the SDK retried an attempt that had committed: the retry's condition fails on the write's own id
        when(client.updateItem(any(UpdateItemRequest.class))).thenAnswer(call -> {
            UpdateItemRequest request = call.getArgument(0);
            throw failedOn(stored(request.expressionAttributeValues().get(":writeId").s(), 2));
        });

        Map<String, AttributeValue> written = update();

        assertThat(written.get("version").n()).isEqualTo("2");
        assertThat(written.get("body").s()).isEqualTo("new");
    }

    @Test
    void anUpdateWhoseConditionFailsOnSomeoneElsesWrite_isAFailedCondition() {
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(failedOn(stored("someone-else", 2)));

        assertThatThrownBy(this::update).isInstanceOf(DataAccessException.ConditionFailedException.class);
    }

    @Test
    void anUpdateWhoseEveryAnswerWasLost_isSentAgainWithTheSameId_andThatAnswerIsTheOutcome() {
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(lost()).thenAnswer(call -> {
            UpdateItemRequest request = call.getArgument(0);
            throw failedOn(stored(request.expressionAttributeValues().get(":writeId").s(), 2));
        });

        assertThat(update().get("version").n()).isEqualTo("2");

        ArgumentCaptor<UpdateItemRequest> sent = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client, times(2)).updateItem(sent.capture());
        assertThat(sent.getAllValues().get(1)).isEqualTo(sent.getAllValues().get(0));
    }

    @Test
    void anUpdateLostTwice_orRefusedByAnotherWriteAfterALostAnswer_isOutcomeUnknown() {
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(lost()).thenThrow(lost())
                .thenThrow(lost()).thenThrow(failedOn(stored("someone-else", 3)));

        assertThatThrownBy(this::update).isInstanceOf(DataAccessException.OutcomeUnknownException.class);
        assertThatThrownBy(this::update).isInstanceOf(DataAccessException.OutcomeUnknownException.class);
    }

    @Test
    void anUpdateAskingForOldValues_isRefused_becauseAResolvedWriteCannotTellThem() {
        assertThatThrownBy(() -> writes.update("Test", NOTE, KEY, Update.set("#b = :b").name("#b", "b").value(":b", "x"),
                null, ReturnValue.UPDATED_OLD, null)).isInstanceOf(IllegalArgumentException.class);
        verify(client, never()).updateItem(any(UpdateItemRequest.class));
    }

    @Test
    void aConditionalDelete_isAOneActionTransaction_resentUnderTheSameTokenWhenItsAnswerIsLost() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class))).thenThrow(lost())
                .thenReturn(TransactWriteItemsResponse.builder().build());

        writes.delete("Test", NOTE, KEY, Expr.of("#v = :v").name("#v", "version").value(":v", 1));

        ArgumentCaptor<TransactWriteItemsRequest> sent = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(client, times(2)).transactWriteItems(sent.capture());
        assertThat(sent.getAllValues().get(0).transactItems()).singleElement()
                .satisfies(action -> assertThat(action.delete().key()).isEqualTo(KEY.toAttributeMap()));
        assertThat(sent.getAllValues().get(1).clientRequestToken()).isNotBlank()
                .isEqualTo(sent.getAllValues().get(0).clientRequestToken());
        verify(client, never()).deleteItem(any(DeleteItemRequest.class));
    }

    @Test
    void anUnconditionalDeleteWhoseAnswerIsLost_isSimplySentAgain() {
        when(client.deleteItem(any(DeleteItemRequest.class))).thenThrow(lost())
                .thenReturn(DeleteItemResponse.builder().build());

        writes.delete("Test", NOTE, KEY, null);

        verify(client, times(2)).deleteItem(any(DeleteItemRequest.class));
    }
}
