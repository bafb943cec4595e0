package com.tenantgraph.data.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The {@link Update} a caller hands to {@link Writes} is the caller's: the audit plugin's clauses and the write id are
 * added to the write's own copy, so the caller's update reads the same after the call, after a write that was sent
 * twice (its first answer lost), and can be sent again as it was built (a service retrying a conflict). A unit test
 * over a mocked client.
 */
class WritesLeaveTheCallersUpdateTest {
    private static final TableKey KEY = new TableKey("TENANT#t#DOC#1", "DOC");

    /** An audited entity, so the plugins add clauses (update time, version + 1) to every update of it. */
    record Doc(String body, Instant createdAt, Instant updatedAt, long version) {
    }

    private static final EntityModel<Doc> DOC = EntityModel.of(Doc.class, "DOC")
            .timestamps("createdAt", "updatedAt").versioned().key(doc -> KEY).build();

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final Writes writes = new Writes(new Table(client, "t"), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static Update callersUpdate() {
        return Update.set("#b = :b").name("#b", "body").value(":b", "new");
    }

    private static void assertAsBuilt(Update update) {
        Expr expr = update.toExpr();
        assertThat(expr.text()).isEqualTo("SET #b = :b");
        assertThat(expr.names()).containsOnlyKeys("#b");
        assertThat(expr.values()).containsOnlyKeys(":b");
    }

    @Test
    void anUpdate_sentTwiceBecauseItsAnswerWasLost_leavesTheCallersUpdateAsBuilt() {
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(SdkClientException.create("Unable to execute HTTP request", new IOException("reset")))
                .thenReturn(UpdateItemResponse.builder().build());
        Update update = callersUpdate();

        writes.update("Test", DOC, KEY, update, null, ReturnValue.NONE, null);

        assertAsBuilt(update);
        ArgumentCaptor<UpdateItemRequest> sent = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client, times(2)).updateItem(sent.capture());
        assertThat(sent.getAllValues().get(0).updateExpression()).isEqualTo(
                "SET #b = :b, #auditUpdated = :auditNow, #auditVersion = #auditVersion + :auditOne,"
                        + " #writeId = :writeId");
    }

    @Test
    void theSameUpdate_sentAgainByTheCaller_isTheSameRequestUnderAFreshWriteId() {
        when(client.updateItem(any(UpdateItemRequest.class))).thenReturn(UpdateItemResponse.builder().build());
        Update update = callersUpdate();

        writes.update("Test", DOC, KEY, update, null, ReturnValue.NONE, null);
        writes.update("Test", DOC, KEY, update, null, ReturnValue.NONE, null);

        assertAsBuilt(update);
        ArgumentCaptor<UpdateItemRequest> sent = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client, times(2)).updateItem(sent.capture());
        List<UpdateItemRequest> requests = sent.getAllValues();
        assertThat(requests.get(1).updateExpression()).isEqualTo(requests.get(0).updateExpression());
        assertThat(requests.get(1).expressionAttributeNames()).isEqualTo(requests.get(0).expressionAttributeNames());
        assertThat(requests.get(1).expressionAttributeValues().get(":writeId"))
                .isNotEqualTo(requests.get(0).expressionAttributeValues().get(":writeId"));
    }

    @Test
    void anUpdateInATransaction_leavesTheCallersUpdateAsBuilt_andCanBeAddedAgain() {
        when(client.transactWriteItems(any(TransactWriteItemsRequest.class)))
                .thenReturn(TransactWriteItemsResponse.builder().build());
        Update update = callersUpdate();

        for (int attempt = 0; attempt < 2; attempt++) {
            Writes.Transaction tx = writes.transaction("Test");
            tx.update(DOC, KEY, update, null);
            tx.execute();
        }

        assertAsBuilt(update);
        ArgumentCaptor<TransactWriteItemsRequest> sent = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
        verify(client, times(2)).transactWriteItems(sent.capture());
        String expected = "SET #b = :b, #auditUpdated = :auditNow, #auditVersion = #auditVersion + :auditOne";
        assertThat(sent.getAllValues()).allSatisfy(request -> assertThat(request.transactItems()).singleElement()
                .satisfies(action -> assertThat(action.update().updateExpression()).isEqualTo(expected)));
    }
}
