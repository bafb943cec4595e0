package com.tenantgraph.subscriptions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the WebSocket API's routes enter: {@code $connect}, {@code $disconnect} and {@code $default} (every
 * graphql-transport-ws message). This class adapts API Gateway's event; the protocol is {@link TransportProtocol}.
 * The token never travels in the URL or the handshake: it is {@code connection_init}'s payload.
 */
public final class WebSocketHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    /** The one subprotocol served (the graphql-ws client asks for it). */
    public static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.websocket");

    private final TransportProtocol protocol;

    /** For the Lambda runtime: everything from the environment (docs/subscriptions.md), built once per container. */
    public WebSocketHandler() {
        this(SubscriptionServices.webSocketFromEnvironment(System.getenv()).protocol());
    }

    /** For tests and the local stack. */
    public WebSocketHandler(TransportProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        String connectionId = request == null ? null : request.getConnectionId();
        String route = request == null ? null : request.getRouteKey();
        if (connectionId == null || route == null) {
            return response(400, null);
        }
        String requestId = request.getRequestId() != null ? request.getRequestId()
                : context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        switch (route) {
            case "$connect" -> {
                String offered = header(event.getHeaders(), "Sec-WebSocket-Protocol");
                if (offered != null && Arrays.stream(offered.split(",")).map(String::trim)
                        .noneMatch(SUBPROTOCOL::equals)) {
                    LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("connectionId", connectionId)
                            .log("refused a WebSocket without the graphql-transport-ws subprotocol");
                    return response(400, null);
                }
                protocol.connected(connectionId);
                return response(200, offered == null ? null : SUBPROTOCOL);
            }
            case "$disconnect" -> protocol.disconnected(connectionId);
            default -> protocol.message(requestId, connectionId, body(event));
        }
        return response(200, null);
    }

    private static String body(APIGatewayV2WebSocketEvent event) {
        if (event.getBody() == null || !event.isIsBase64Encoded()) {
            return event.getBody();
        }
        return null; // a binary frame is not a protocol message: answered 4400
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static APIGatewayV2WebSocketResponse response(int status, String subprotocol) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        if (subprotocol != null) {
            response.setHeaders(Map.of("Sec-WebSocket-Protocol", subprotocol));
        }
        return response;
    }
}
