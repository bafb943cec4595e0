package com.tenantgraph.local.websocket;

/**
 * A reason to close a WebSocket connection, with the close code and reason the server sends (RFC 6455 section 7.4):
 * a protocol violation by the client (1002), a text message that is not UTF-8 (1007), a frame or message over the
 * API's limits (1009).
 */
public final class CloseException extends Exception {
    private final int code;

    public CloseException(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }
}
