package com.tenantgraph.local.websocket;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open WebSocket connection of the local gateway: its socket, what its events share, when it was last active,
 * and how it ended. Writes are serialized on the connection; the first {@link #close} wins and decides the close code
 * the client sees and the {@code $disconnect} event reports.
 */
final class Connection {
    /** How long a client has to answer the server's close frame before its socket is closed. */
    static final Duration CLOSING_GRACE = Duration.ofSeconds(1);
    private final WebSocketEvents.ConnectionInfo info;
    private final Socket socket;
    private final OutputStream out;
    private final long connectedNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastActiveNanos;
    private volatile Instant lastActiveAt;
    private volatile boolean acknowledged;
    private volatile int closeCode = 1006;
    private volatile String closeReason = "Connection closed abnormally";

    Connection(WebSocketEvents.ConnectionInfo info, Socket socket, OutputStream out) {
        this.info = info;
        this.socket = socket;
        this.out = out;
        this.connectedNanos = System.nanoTime();
        touch();
    }

    WebSocketEvents.ConnectionInfo info() {
        return info;
    }

    String id() {
        return info.connectionId();
    }

    void touch() {
        lastActiveNanos = System.nanoTime();
        lastActiveAt = Instant.now();
    }

    long connectedNanos() {
        return connectedNanos;
    }

    long lastActiveNanos() {
        return lastActiveNanos;
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    boolean acknowledged() {
        return acknowledged;
    }

    /** The local connection_init timer stops once a graphql-transport-ws {@code connection_ack} was posted. */
    void acknowledge() {
        acknowledged = true;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Sends one data frame (text when the bytes are UTF-8, else binary); false when the connection is gone. */
    boolean send(byte[] data) {
        synchronized (out) {
            if (closed.get()) {
                return false;
            }
            try {
                Frames.write(out, Frames.isUtf8(data) ? Frames.TEXT : Frames.BINARY, data);
                touch();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    void pong(byte[] payload) {
        synchronized (out) {
            try {
                if (!closed.get()) {
                    Frames.write(out, Frames.PONG, payload);
                }
            } catch (IOException e) {
                // the reader sees the broken connection next
            }
        }
    }

    /**
     * Starts the closing handshake, once: sends a close frame with {@code code} and {@code reason} and shuts the output,
     * so that the client answers with its own close frame and closes the TCP connection, which ends the reader; a client
     * that does not within {@link #CLOSING_GRACE} has its socket closed. For 1006 (the connection broke) the socket is
     * closed at once. Only the first call does anything: it decides the code the {@code $disconnect} event reports.
     */
    void close(int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeCode = code;
        closeReason = reason;
        synchronized (out) {
            try {
                if (code != 1006) {
                    Frames.write(out, Frames.CLOSE, Frames.closePayload(code, reason));
                    socket.shutdownOutput();
                    CompletableFuture.delayedExecutor(CLOSING_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                            .execute(this::closeSocket);
                    return;
                }
            } catch (IOException e) {
                // already gone
            }
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    static String reasonText(byte[] closePayload) {
        return closePayload.length > 2 ? new String(closePayload, 2, closePayload.length - 2, StandardCharsets.UTF_8)
                : "";
    }
}
