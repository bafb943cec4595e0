package com.tenantgraph.subscriptions;

import java.nio.charset.StandardCharsets;

/**
 * A WebSocket close with the graphql-transport-ws codes. API Gateway's DeleteConnection cannot carry a code, so
 * {@link ConnectionChannel#close} sends it as headers that the local gateway turns into the close frame
 * (docs/subscriptions.md, "How a close code reaches the client").
 */
public record Close(int code, String reason) {
    /** A close frame's reason is at most 123 bytes of UTF-8; a header value is printable ASCII. */
    private static final int MAX_REASON = 123;

    public static final Close BAD_REQUEST = new Close(4400, "Invalid message received");
    public static final Close MESSAGE_TOO_LARGE = new Close(4400, "Message too large");
    public static final Close UNAUTHORIZED = new Close(4401, "Unauthorized");
    public static final Close TOKEN_EXPIRED = new Close(4401, "Unauthorized: the token has expired");
    public static final Close FORBIDDEN = new Close(4403, "Forbidden");
    public static final Close INIT_TIMEOUT = new Close(4408, "Connection initialisation timeout");
    public static final Close TOO_MANY_INIT = new Close(4429, "Too many initialisation requests");

    public Close {
        StringBuilder printable = new StringBuilder();
        for (char c : reason.toCharArray()) {
            printable.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        String text = printable.toString();
        reason = text.getBytes(StandardCharsets.US_ASCII).length > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }

    /** 4409, naming the id (non-printable characters replaced, cut to the frame's limit). */
    public static Close subscriberExists(String id) {
        return new Close(4409, "Subscriber for " + id + " already exists");
    }

    public static Close forbidden(String why) {
        return new Close(4403, "Forbidden: " + why);
    }
}
