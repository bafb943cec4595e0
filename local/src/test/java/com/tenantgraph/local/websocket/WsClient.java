package com.tenantgraph.local.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client of a WebSocket API on the JDK's {@link WebSocket}: collects the text messages it receives and the
 * close code and reason the server sent, and waits for either with a deadline (never a sleep).
 */
public final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The close frame the server sent. */
    public record Close(int code, String reason) {
    }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI url, List<String> subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        this.socket = builder.buildAsync(url, new Listener()).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Connects, offering {@code subprotocols}; throws (CompletionException) when the handshake is refused. */
    public static WsClient connect(URI url, String... subprotocols) {
        return new WsClient(url, List.of(subprotocols));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(1006, String.valueOf(error)));
        }
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The next text message, waiting up to {@code timeout}; fails when none comes. */
    public String next(Duration timeout) throws InterruptedException {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout + (closed.isDone() ? "; closed: "
                    + closed.join() : ""));
        }
        return message;
    }

    /** The next message if one arrives within {@code timeout}, else null. */
    public String poll(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's close frame, waiting up to {@code timeout}. */
    public Close awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }
}
