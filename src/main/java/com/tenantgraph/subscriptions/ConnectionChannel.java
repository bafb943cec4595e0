package com.tenantgraph.subscriptions;

import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The way back to a client: the API Gateway Management API of the WebSocket stage (PostToConnection to send a
 * message, DeleteConnection to close). A connection API Gateway reports gone ({@link GoneException}) is reported as
 * such, never as a failure; every other SDK failure becomes {@link DeliveryException} here, once.
 */
public final class ConnectionChannel {
    /** The extension the local gateway turns into a close frame; API Gateway ignores it (docs/subscriptions.md). */
    public static final String CLOSE_CODE_HEADER = "X-TenantGraph-Close-Code";
    public static final String CLOSE_REASON_HEADER = "X-TenantGraph-Close-Reason";
    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.websocket");

    private final ApiGatewayManagementApiClient client;

    public ConnectionChannel(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    /** Posts one protocol message; false when the connection is gone. */
    public boolean post(String connectionId, String message) {
        try {
            client.postToConnection(request -> request.connectionId(connectionId)
                    .data(SdkBytes.fromUtf8String(message)));
            return true;
        } catch (GoneException e) {
            return false;
        } catch (SdkException e) {
            throw new DeliveryException("PostToConnection failed", e);
        }
    }

    /** Closes the connection with a protocol code (conveyed as described on {@link Close}); a gone one is fine. */
    public void close(String connectionId, Close close) {
        LOG.atInfo().addKeyValue("connectionId", connectionId).addKeyValue("closeCode", close.code())
                .addKeyValue("closeReason", close.reason()).log("closing WebSocket connection");
        try {
            client.deleteConnection(request -> request.connectionId(connectionId)
                    .overrideConfiguration(o -> o.putHeader(CLOSE_CODE_HEADER, Integer.toString(close.code()))
                            .putHeader(CLOSE_REASON_HEADER, close.reason())));
        } catch (GoneException e) {
            // already closed: nothing to do
        } catch (SdkException e) {
            throw new DeliveryException("DeleteConnection failed", e);
        }
    }

    /** The Management API failed for another reason than a gone connection (after the client's retries). */
    public static final class DeliveryException extends CompletionException {
        private static final long serialVersionUID = 1L;

        DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
