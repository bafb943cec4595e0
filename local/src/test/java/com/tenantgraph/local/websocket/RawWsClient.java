package com.tenantgraph.local.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, for what the JDK's client will not send: one frame of any size (the JDK
 * splits a large message into frames of its own size).
 */
public final class RawWsClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    public RawWsClient(URI url, String subprotocol) throws IOException {
        socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(10_000);
        String head = "GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        in = socket.getInputStream();
        String answer = readHead();
        if (!answer.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + answer);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one masked text frame holding all of {@code payload}. */
    public void sendOneFrame(byte[] payload) throws IOException {
        socket.getOutputStream().write(FramesTest.clientFrame(true, Frames.TEXT, payload));
        socket.getOutputStream().flush();
    }

    /** The next frame the server sends, as opcode and payload (server frames are not masked). */
    public Frames.Message nextFrame() throws IOException {
        int first = in.read();
        int second = in.read();
        if (first < 0 || second < 0) {
            throw new IOException("closed without a frame");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | in.read();
            }
        }
        return new Frames.Message(first & 0x0F, in.readNBytes((int) length));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
