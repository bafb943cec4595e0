package com.tenantgraph.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.tenantgraph.data.ItemReader;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.WebSocketPointer;
import com.tenantgraph.data.WebSocketStore;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.pipeline.QueryLimits;
import com.tenantgraph.pipeline.SubscriptionOperations;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The protocol's answers to every kind of message, with the store, the channel and the GraphQL side mocked. */
class TransportProtocolTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final TenantId TENANT = TenantId.of("t-acme");
    private static final UserId USER = UserId.of("user-1");
    private static final String CONN = "conn-1";

    private final WebSocketStore store = mock(WebSocketStore.class);
    private final ConnectionChannel channel = mock(ConnectionChannel.class);
    private final SubscriptionOperations operations = mock(SubscriptionOperations.class);
    private final ItemReader reader = mock(ItemReader.class);
    private final TokenCheck tokens = token -> token.equals("good")
            ? Optional.of(new Caller(TENANT, USER, null, null, NOW.plusSeconds(3600), null)) : Optional.empty();
    private final SubscriptionSettings settings = SubscriptionSettings.defaults(URI.create("http://127.0.0.1:1"),
            QueryLimits.defaults());
    private final TransportProtocol protocol = new TransportProtocol(store, channel, tokens, operations, reader,
            settings, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anUnknownType_notJson_noType_orABinaryFrame_close4400() {
        for (String message : List.of("{\"type\":\"subscribe_all\"}", "not json", "{\"id\":\"1\"}", "[1,2]",
                "{\"type\":\"next\",\"id\":\"1\"}")) {
            protocol.message("r", CONN, message);
        }
        protocol.message("r", CONN, null);
        verify(channel, org.mockito.Mockito.times(6)).close(CONN, Close.BAD_REQUEST);
    }

    @Test
    void aMessageOverTheBodyLimit_closes4400_withoutParsingIt() {
        protocol.message("r", CONN, "{\"type\":\"ping\",\"payload\":\"" + "x".repeat(settings.maxMessageBytes())
                + "\"}");
        verify(channel).close(CONN, Close.MESSAGE_TOO_LARGE);
        verifyNoInteractions(store);
    }

    @Test
    void ping_isAnsweredWithPong_carryingItsPayload_evenBeforeTheAck() {
        protocol.message("r", CONN, "{\"type\":\"ping\",\"payload\":{\"n\":1}}");
        verify(channel).post(CONN, "{\"type\":\"pong\",\"payload\":{\"n\":1}}");
        verifyNoInteractions(store);
    }

    @Test
    void connectionInit_withAGoodToken_andAnActiveMembership_isAcked() {
        pending(NOW.minusSeconds(1));
        member(UserStatus.ACTIVE);
        when(store.ready(eq(CONN), eq(TENANT), eq(USER), any(), anyLong())).thenReturn(true);

        protocol.message("r", CONN, "{\"type\":\"connection_init\",\"payload\":{\"token\":\"Bearer good\"}}");

        verify(channel).post(CONN, "{\"type\":\"connection_ack\"}");
        verify(channel, never()).close(anyString(), any());
    }

    @Test
    void connectionInit_readsTheTokenFromAuthorization_thenAuthorization_thenToken() {
        assertThat(TransportProtocol.token(Map.of("authorization", "Bearer a", "token", "c"))).contains("a");
        assertThat(TransportProtocol.token(Map.of("Authorization", "b"))).contains("b");
        assertThat(TransportProtocol.token(Map.of("token", "c"))).contains("c");
        assertThat(TransportProtocol.token(Map.of("authorization", "Bearer "))).isEmpty();
        assertThat(TransportProtocol.token(Map.of("authorization", 42))).isEmpty();
        assertThat(TransportProtocol.token("token")).isEmpty();
    }

    @Test
    void connectionInit_withoutAToken_orWithABadOne_closes4401() {
        pending(NOW.minusSeconds(1));
        protocol.message("r", CONN, "{\"type\":\"connection_init\"}");
        protocol.message("r", CONN, "{\"type\":\"connection_init\",\"payload\":{\"authorization\":\"forged\"}}");
        verify(channel, org.mockito.Mockito.times(2)).close(CONN, Close.UNAUTHORIZED);
        verify(store, never()).ready(anyString(), any(), any(), any(), anyLong());
    }

    @Test
    void connectionInit_ofADisabledMember_closes4403() {
        pending(NOW.minusSeconds(1));
        member(UserStatus.DISABLED);
        protocol.message("r", CONN, "{\"type\":\"connection_init\",\"payload\":{\"authorization\":\"good\"}}");
        ArgumentCaptor<Close> close = ArgumentCaptor.forClass(Close.class);
        verify(channel).close(eq(CONN), close.capture());
        assertThat(close.getValue().code()).isEqualTo(4403);
        assertThat(close.getValue().reason()).contains("disabled");
    }

    @Test
    void aSecondConnectionInit_closes4429() {
        ready();
        protocol.message("r", CONN, "{\"type\":\"connection_init\",\"payload\":{\"authorization\":\"good\"}}");
        verify(channel).close(CONN, Close.TOO_MANY_INIT);
    }

    @Test
    void aConnectionInitAfterTheDeadline_closes4408() {
        pending(NOW.minus(settings.initTimeout()).minusSeconds(1));
        protocol.message("r", CONN, "{\"type\":\"connection_init\",\"payload\":{\"authorization\":\"good\"}}");
        verify(channel).close(CONN, Close.INIT_TIMEOUT);
    }

    @Test
    void subscribeBeforeTheAck_closes4401_or4408OnceTheDeadlinePassed() {
        pending(NOW.minusSeconds(1));
        protocol.message("r", CONN, subscribe("1", "subscription { x }"));
        verify(channel).close(CONN, Close.UNAUTHORIZED);

        pending(NOW.minus(Duration.ofMinutes(1)));
        protocol.message("r", CONN, subscribe("1", "subscription { x }"));
        verify(channel).close(CONN, Close.INIT_TIMEOUT);
        verifyNoInteractions(operations);
    }

    @Test
    void aSubscribeWithoutIdOrQuery_closes4400() {
        ready();
        protocol.message("r", CONN, "{\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { x }\"}}");
        protocol.message("r", CONN, "{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{}}");
        protocol.message("r", CONN, "{\"type\":\"subscribe\",\"id\":\"\",\"payload\":{\"query\":\"q\"}}");
        protocol.message("r", CONN, "{\"type\":\"subscribe\",\"id\":\"" + "i".repeat(129)
                + "\",\"payload\":{\"query\":\"q\"}}");
        verify(channel, org.mockito.Mockito.times(4)).close(CONN, Close.BAD_REQUEST);
    }

    @Test
    void anInvalidDocument_getsAnErrorMessageForItsId_andTheSocketStays() {
        ready();
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("message", "Validation error");
        error.put("extensions", Map.of("code", "BAD_USER_INPUT"));
        List<Map<String, Object>> errors = List.of(error);
        when(operations.subscribe(anyString(), any(), anyString(), any(), any()))
                .thenReturn(new SubscriptionOperations.Opened.Refused(errors));

        protocol.message("r", CONN, subscribe("a1", "subscription { nope }"));

        verify(channel).post(CONN, "{\"id\":\"a1\",\"type\":\"error\",\"payload\":[{\"message\":\"Validation error\","
                + "\"extensions\":{\"code\":\"BAD_USER_INPUT\"}}]}");
        verify(channel, never()).close(anyString(), any());
        verify(store, never()).subscribe(any(), anyInt());
    }

    @Test
    void aDuplicateId_closes4409_namingIt() {
        ready();
        when(operations.subscribe(anyString(), any(), anyString(), any(), any()))
                .thenReturn(new SubscriptionOperations.Opened.Accepted("TASKS#p1"));
        when(store.subscribe(any(), anyInt())).thenReturn(WebSocketStore.Subscribed.DUPLICATE_ID);

        protocol.message("r", CONN, subscribe("same", "subscription { x }"));

        verify(channel).close(CONN, new Close(4409, "Subscriber for same already exists"));
    }

    @Test
    void anAcceptedSubscription_isStoredUnderItsTopic_asTheConnectionsUser() {
        ready();
        when(operations.subscribe(anyString(), any(), anyString(), any(), any()))
                .thenReturn(new SubscriptionOperations.Opened.Accepted("TASKS#p1"));
        when(store.subscribe(any(), anyInt())).thenReturn(WebSocketStore.Subscribed.ADDED);

        protocol.message("r", CONN, subscribe("s1", "subscription { x }"));

        ArgumentCaptor<com.tenantgraph.data.SubscriptionItem> item =
                ArgumentCaptor.forClass(com.tenantgraph.data.SubscriptionItem.class);
        verify(store).subscribe(item.capture(), eq(settings.maxSubscriptions()));
        assertThat(item.getValue().tenant()).isEqualTo(TENANT);
        assertThat(item.getValue().user()).isEqualTo(USER);
        assertThat(item.getValue().topic()).isEqualTo("TASKS#p1");
        assertThat(item.getValue().subscriptionId()).isEqualTo("s1");
        verify(channel, never()).post(anyString(), anyString());
    }

    @Test
    void aSubscribeOfAMemberNoLongerActive_closes4403() {
        ready();
        when(operations.subscribe(anyString(), any(), anyString(), any(), any()))
                .thenReturn(new SubscriptionOperations.Opened.NotMember(new com.tenantgraph.errors.ApiException(
                        com.tenantgraph.errors.ErrorCode.FORBIDDEN, "Your membership of this workspace is removed")));

        protocol.message("r", CONN, subscribe("s1", "subscription { x }"));

        ArgumentCaptor<Close> close = ArgumentCaptor.forClass(Close.class);
        verify(channel).close(eq(CONN), close.capture());
        assertThat(close.getValue().code()).isEqualTo(4403);
        verify(store).removeConnection(TENANT, CONN);
    }

    @Test
    void complete_removesTheSubscription() {
        ready();
        protocol.message("r", CONN, "{\"type\":\"complete\",\"id\":\"s1\"}");
        verify(store).complete(TENANT, CONN, "s1");
    }

    private static String subscribe(String id, String query) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"payload\":{\"query\":\"" + query + "\"}}";
    }

    private void pending(Instant connectedAt) {
        when(store.pointer(CONN)).thenReturn(Optional.of(WebSocketPointer.pending(CONN, connectedAt, 0)));
    }

    private void ready() {
        when(store.pointer(CONN)).thenReturn(Optional.of(new WebSocketPointer(CONN, true, NOW.minusSeconds(5), TENANT,
                USER, NOW.plusSeconds(3600), 0)));
    }

    private void member(UserStatus status) {
        UserItem user = UserItem.builder().tenantId(TENANT).userId(USER).email("u@acme.test").name("U")
                .role(Role.MEMBER).status(status).createdAt(NOW).build();
        TenantItem workspace = TenantItem.builder().tenantId(TENANT).name("Acme").adminCount(1).createdAt(NOW).build();
        // the membership check reads the member's record and the tenant's status in one batch
        Map<TableKey, Map<String, AttributeValue>> table = Map.of(user.key(), UserItem.MODEL.toItem(user),
                workspace.key(), TenantItem.MODEL.toItem(workspace));
        when(reader.getAll(any())).thenAnswer(call -> call.<List<TableKey>>getArgument(0).stream()
                .map(table::get).toList());
    }
}
