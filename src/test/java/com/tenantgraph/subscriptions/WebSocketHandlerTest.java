package com.tenantgraph.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter of API Gateway's WebSocket events: routes, the subprotocol handshake, binary frames. */
class WebSocketHandlerTest {
    private final TransportProtocol protocol = mock(TransportProtocol.class);
    private final WebSocketHandler handler = new WebSocketHandler(protocol);

    @Test
    void connect_answersTheGraphqlTransportWsSubprotocol_whenTheClientAsksForIt() {
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event("$connect", null,
                Map.of("sec-websocket-protocol", "graphql-transport-ws")), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Sec-WebSocket-Protocol", "graphql-transport-ws");
        verify(protocol).connected("c1");
    }

    @Test
    void connect_withoutASubprotocol_isAccepted_withoutTheHeader() {
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event("$connect", null, Map.of()), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).isNull();
    }

    @Test
    void connect_offeringOnlyOtherSubprotocols_isRefused() {
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event("$connect", null,
                Map.of("Sec-WebSocket-Protocol", "graphql-ws")), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        verify(protocol, never()).connected("c1");
    }

    @Test
    void defaultAndDisconnect_goToTheProtocol_aBinaryFrameAsNoMessage() {
        handler.handleRequest(event("$default", "{\"type\":\"ping\"}", null), null);
        verify(protocol).message("req-1", "c1", "{\"type\":\"ping\"}");
        APIGatewayV2WebSocketEvent binary = event("$default", "AAEC", null);
        binary.setIsBase64Encoded(true);
        handler.handleRequest(binary, null);
        verify(protocol).message("req-1", "c1", null);
        handler.handleRequest(event("$disconnect", null, null), null);
        verify(protocol).disconnected("c1");
    }

    @Test
    void anEventWithoutConnectionOrRoute_is400() {
        assertThat(handler.handleRequest(new APIGatewayV2WebSocketEvent(), null).getStatusCode()).isEqualTo(400);
    }

    private static APIGatewayV2WebSocketEvent event(String route, String body, Map<String, String> headers) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(route);
        context.setConnectionId("c1");
        context.setRequestId("req-1");
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        event.setHeaders(headers);
        return event;
    }
}
