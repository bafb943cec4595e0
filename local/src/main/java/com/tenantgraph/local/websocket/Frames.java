package com.tenantgraph.local.websocket;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 6455 framing on the server side, with API Gateway's limits: reads the client's frames (which must be masked)
 * and assembles them into messages, refusing a frame whose payload is over {@code maxFrameBytes} or a message over
 * {@code maxMessageBytes} with close code 1009 before reading it into memory; writes the server's frames unmasked and
 * unfragmented. Control frames (close, ping, pong) may arrive between the fragments of a message and are returned as
 * they come.
 *
 * <p>One reader per connection, used by one thread; {@link #write} is static and callers serialize writes per socket.
 */
public final class Frames {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** Close codes the server sends. */
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int MESSAGE_TOO_BIG = 1009;

    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    /** A whole message (text or binary) or a control frame, with its payload. */
    public record Message(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final InputStream in;
    private final int maxFrameBytes;
    private final int maxMessageBytes;
    /** The fragments of the message being read, kept while a control frame between them is returned. */
    private ByteArrayOutputStream message;
    private int messageOpcode;

    public Frames(InputStream in, int maxFrameBytes, int maxMessageBytes) {
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The next message or control frame. A text message's payload has been checked to be UTF-8.
     *
     * @throws CloseException a violation of the protocol or of a limit, with the code to close with
     * @throws EOFException   the client closed the TCP connection without a close frame
     */
    public Message next() throws IOException, CloseException {
        while (true) {
            int first = readByte();
            int second = readByte();
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            if ((first & 0x70) != 0) {
                throw new CloseException(PROTOCOL_ERROR, "RSV bits set without a negotiated extension");
            }
            if ((second & 0x80) == 0) {
                throw new CloseException(PROTOCOL_ERROR, "client frames must be masked");
            }
            long length = payloadLength(second & 0x7F);
            if (isControl(opcode)) {
                if (!fin || length > MAX_CONTROL_PAYLOAD) {
                    throw new CloseException(PROTOCOL_ERROR, "a control frame must be unfragmented and at most 125"
                            + " bytes");
                }
                return new Message(opcode, readMasked((int) length));
            }
            if (length > maxFrameBytes) {
                throw new CloseException(MESSAGE_TOO_BIG, "Frame size exceeds the limit of " + maxFrameBytes
                        + " bytes");
            }
            if (opcode == CONTINUATION) {
                if (message == null) {
                    throw new CloseException(PROTOCOL_ERROR, "a continuation frame without a message to continue");
                }
            } else if (opcode == TEXT || opcode == BINARY) {
                if (message != null) {
                    throw new CloseException(PROTOCOL_ERROR, "a new message began before the last one ended");
                }
                message = new ByteArrayOutputStream();
                messageOpcode = opcode;
            } else {
                throw new CloseException(PROTOCOL_ERROR, "unknown opcode " + opcode);
            }
            if (message.size() + length > maxMessageBytes) {
                throw new CloseException(MESSAGE_TOO_BIG, "Message size exceeds the limit of " + maxMessageBytes
                        + " bytes");
            }
            message.write(readMasked((int) length));
            if (fin) {
                byte[] payload = message.toByteArray();
                message = null;
                if (messageOpcode == TEXT && !isUtf8(payload)) {
                    throw new CloseException(INVALID_PAYLOAD, "a text message must be UTF-8");
                }
                return new Message(messageOpcode, payload);
            }
        }
    }

    /**
     * After the server refused a frame, the rest of the stream cannot be parsed: read and drop it until the client
     * closes the connection (or the socket is closed), so that the close frame is not lost to a TCP reset.
     */
    public void discardUntilClosed() {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // closed
        }
    }

    private long payloadLength(int sevenBits) throws IOException, CloseException {
        if (sevenBits < 126) {
            return sevenBits;
        }
        if (sevenBits == 126) {
            return ((long) readByte() << 8) | readByte();
        }
        long length = 0;
        for (int i = 0; i < 8; i++) {
            length = (length << 8) | readByte();
        }
        if (length < 0) {
            throw new CloseException(PROTOCOL_ERROR, "the payload length's most significant bit must be 0");
        }
        return length;
    }

    private byte[] readMasked(int length) throws IOException {
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(length);
        if (mask.length < 4 || payload.length < length) {
            throw new EOFException("the connection closed inside a frame");
        }
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return payload;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection closed");
        }
        return b;
    }

    private static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Writes one unmasked frame with FIN set. */
    public static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(127);
            frame.write(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A close frame's payload: the code, then the reason in UTF-8 cut to the 123 bytes a control frame leaves. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = truncateUtf8(reason == null ? "" : reason, MAX_CLOSE_REASON_BYTES);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    /** The close code in a client's close frame payload; 1005 (no status) when it has none. */
    public static int closeCode(byte[] payload) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    private static byte[] truncateUtf8(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in two
        }
        return java.util.Arrays.copyOf(bytes, end);
    }
}
