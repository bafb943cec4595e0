package com.tenantgraph.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.domain.TenantStatus;
import com.tenantgraph.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * What {@link TenantSuspension} sends (a unit test over a mocked client; {@code TenantSuspensionIT} runs the command
 * against moto and the real handler): one conditional UpdateItem on the version it read, none when there is nothing
 * to change, a fresh read when the version moved on.
 */
class TenantSuspensionTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final Instant NOW = Instant.parse("2026-12-05T20:00:00Z");

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final TenantSuspension suspension = new TenantSuspension(
            new Writes(new Table(client, "t"), Clock.fixed(NOW, ZoneOffset.UTC)));

    private static Map<String, AttributeValue> tenantItem(TenantStatus status, long version) {
        TenantItem tenant = TenantItem.builder().tenantId(TENANT).name("Acme").plan(Plan.TEAM).status(status)
                .adminCount(1).createdAt(Instant.parse("2026-01-01T00:00:00Z")).version(version).build();
        return new HashMap<>(TenantItem.MODEL.toItem(tenant));
    }

    private static GetItemResponse found(TenantStatus status, long version) {
        return GetItemResponse.builder().item(tenantItem(status, version)).build();
    }

    private static UpdateItemResponse updated(TenantStatus status, long version) {
        return UpdateItemResponse.builder().attributes(tenantItem(status, version)).build();
    }

    private static ConditionalCheckFailedException versionMoved(long version) {
        return ConditionalCheckFailedException.builder().message("The conditional request failed")
                .item(tenantItem(TenantStatus.ACTIVE, version)).build();
    }

    @Test
    void suspend_sendsOneUpdateOfTheStatus_conditionedOnTheVersionItRead_throughTheAuditPlugin() {
        when(client.getItem(any(GetItemRequest.class))).thenReturn(found(TenantStatus.ACTIVE, 4));
        when(client.updateItem(any(UpdateItemRequest.class))).thenReturn(updated(TenantStatus.SUSPENDED, 5));

        TenantSuspension.Outcome outcome = suspension.set(TENANT, TenantStatus.SUSPENDED).orElseThrow();

        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.previous()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(outcome.tenant().status()).isEqualTo(TenantStatus.SUSPENDED);
        ArgumentCaptor<UpdateItemRequest> sent = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client).updateItem(sent.capture());
        UpdateItemRequest request = sent.getValue();
        assertThat(request.key()).containsEntry("PK", AttributeValue.fromS("TENANT#acme#TENANT"));
        assertThat(request.expressionAttributeNames()).containsValues("status", "version", "updatedAt");
        assertThat(request.expressionAttributeValues()).containsValues(AttributeValue.fromS("SUSPENDED"),
                AttributeValue.fromN("4"), AttributeValue.fromS("2026-12-05T20:00:00.000Z"));
        assertThat(request.updateExpression()).contains("#auditVersion = #auditVersion + :auditOne");
        assertThat(request.conditionExpression()).startsWith("(#v = :expected)");
        verify(client).getItem(any(GetItemRequest.class));
        assertThat(request.expressionAttributeValues().get(":expected")).isEqualTo(AttributeValue.fromN("4"));
    }

    @Test
    void suspendingASuspendedTenant_writesNothing() {
        when(client.getItem(any(GetItemRequest.class))).thenReturn(found(TenantStatus.SUSPENDED, 7));

        TenantSuspension.Outcome outcome = suspension.set(TENANT, TenantStatus.SUSPENDED).orElseThrow();

        assertThat(outcome.changed()).isFalse();
        assertThat(outcome.tenant().version()).isEqualTo(7);
        verify(client, never()).updateItem(any(UpdateItemRequest.class));
    }

    @Test
    void anUnknownTenant_isEmpty_andWritesNothing() {
        when(client.getItem(any(GetItemRequest.class))).thenReturn(GetItemResponse.builder().build());

        assertThat(suspension.set(TENANT, TenantStatus.ACTIVE)).isEmpty();
        verify(client, never()).updateItem(any(UpdateItemRequest.class));
    }

    @Test
    void aVersionThatMovedOn_isReadAgain_andTheUpdateConditionedOnTheNewOne() {
        when(client.getItem(any(GetItemRequest.class)))
                .thenReturn(found(TenantStatus.SUSPENDED, 2), found(TenantStatus.SUSPENDED, 3));
        when(client.updateItem(any(UpdateItemRequest.class)))
                .thenThrow(versionMoved(3)).thenReturn(updated(TenantStatus.ACTIVE, 4));

        TenantSuspension.Outcome outcome = suspension.set(TENANT, TenantStatus.ACTIVE).orElseThrow();

        assertThat(outcome.tenant().status()).isEqualTo(TenantStatus.ACTIVE);
        ArgumentCaptor<UpdateItemRequest> sent = ArgumentCaptor.forClass(UpdateItemRequest.class);
        verify(client, times(2)).updateItem(sent.capture());
        List<AttributeValue> expected = sent.getAllValues().stream()
                .map(r -> r.expressionAttributeValues().get(":expected")).toList();
        assertThat(expected).containsExactly(AttributeValue.fromN("2"), AttributeValue.fromN("3"));
    }

    @Test
    void aTenantThatKeepsChanging_isReportedAfterTheLastAttempt() {
        when(client.getItem(any(GetItemRequest.class))).thenReturn(found(TenantStatus.ACTIVE, 1));
        when(client.updateItem(any(UpdateItemRequest.class))).thenThrow(versionMoved(2));

        assertThatThrownBy(() -> suspension.set(TENANT, TenantStatus.SUSPENDED))
                .isInstanceOf(TenantSuspension.KeptChangingException.class)
                .hasMessageContaining("nothing was written");
        verify(client, times(TenantSuspension.ATTEMPTS)).updateItem(any(UpdateItemRequest.class));
    }
}
