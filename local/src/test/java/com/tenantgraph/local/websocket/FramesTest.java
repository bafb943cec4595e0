package com.tenantgraph.local.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

public class FramesTest {
    private static final int FRAME_LIMIT = 32 * 1024;
    private static final int MESSAGE_LIMIT = 128 * 1024;

    /** A client frame: masked, as RFC 6455 requires of clients. */
    public static byte[] clientFrame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    private static Frames reader(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return new Frames(new ByteArrayInputStream(all.toByteArray()), FRAME_LIMIT, MESSAGE_LIMIT);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void next_unmasksATextFrame() throws Exception {
        Frames.Message message = reader(clientFrame(true, Frames.TEXT, utf8("{\"type\":\"ping\"}"))).next();

        assertThat(message.opcode()).isEqualTo(Frames.TEXT);
        assertThat(message.text()).isEqualTo("{\"type\":\"ping\"}");
    }

    @Test
    void next_assemblesFragments_andReturnsAPingThatArrivesBetweenThem() throws Exception {
        Frames frames = reader(clientFrame(false, Frames.TEXT, utf8("hel")), clientFrame(true, Frames.PING, utf8("p")),
                clientFrame(true, Frames.CONTINUATION, utf8("lo")));

        assertThat(frames.next()).satisfies(ping -> {
            assertThat(ping.opcode()).isEqualTo(Frames.PING);
            assertThat(ping.text()).isEqualTo("p");
        });
        assertThat(frames.next().text()).isEqualTo("hello");
    }

    @Test
    void next_readsSixteenAndSixtyFourBitLengths() throws Exception {
        byte[] medium = new byte[300];
        Arrays.fill(medium, (byte) 'a');
        byte[] large = new byte[70_000];
        Arrays.fill(large, (byte) 'b');
        Frames frames = new Frames(new ByteArrayInputStream(concat(clientFrame(true, Frames.BINARY, medium),
                clientFrame(true, Frames.BINARY, large))), 100_000, 100_000);

        assertThat(frames.next().payload()).isEqualTo(medium);
        assertThat(frames.next().payload()).isEqualTo(large);
    }

    @Test
    void next_refusesAFrameOverTheFrameLimit_with1009_beforeReadingItsPayload() {
        byte[] frame = clientFrame(true, Frames.TEXT, new byte[FRAME_LIMIT + 1]);
        // only the header and mask are there: the refusal must not wait for the payload
        Frames frames = new Frames(new ByteArrayInputStream(Arrays.copyOf(frame, 8)), FRAME_LIMIT, MESSAGE_LIMIT);

        assertThatThrownBy(frames::next).isInstanceOfSatisfying(CloseException.class, e -> {
            assertThat(e.code()).isEqualTo(1009);
            assertThat(e.reason()).contains("32768");
        });
    }

    @Test
    void next_acceptsAFrameOfExactlyTheFrameLimit() throws Exception {
        assertThat(reader(clientFrame(true, Frames.BINARY, new byte[FRAME_LIMIT])).next().payload())
                .hasSize(FRAME_LIMIT);
    }

    @Test
    void next_refusesAMessageOverTheMessageLimit_evenWhenEveryFrameIsWithinTheFrameLimit() {
        byte[] part = new byte[FRAME_LIMIT];
        Arrays.fill(part, (byte) 'x');
        Frames frames = reader(clientFrame(false, Frames.TEXT, part), clientFrame(false, Frames.CONTINUATION, part),
                clientFrame(false, Frames.CONTINUATION, part), clientFrame(false, Frames.CONTINUATION, part),
                clientFrame(true, Frames.CONTINUATION, new byte[1]));

        assertThatThrownBy(frames::next).isInstanceOfSatisfying(CloseException.class, e -> {
            assertThat(e.code()).isEqualTo(1009);
            assertThat(e.reason()).contains("131072");
        });
    }

    @Test
    void next_acceptsAMessageOfExactlyTheMessageLimit() throws Exception {
        byte[] part = new byte[FRAME_LIMIT];
        Arrays.fill(part, (byte) 'x');
        Frames frames = reader(clientFrame(false, Frames.TEXT, part), clientFrame(false, Frames.CONTINUATION, part),
                clientFrame(false, Frames.CONTINUATION, part), clientFrame(true, Frames.CONTINUATION, part));

        assertThat(frames.next().payload()).hasSize(MESSAGE_LIMIT);
    }

    @Test
    void next_refusesUnmaskedFrames_with1002() {
        byte[] unmasked = {(byte) 0x81, 0x01, 'a'};

        assertThatThrownBy(() -> reader(unmasked).next())
                .isInstanceOfSatisfying(CloseException.class, e -> assertThat(e.code()).isEqualTo(1002));
    }

    @Test
    void next_refusesProtocolViolations_with1002() {
        byte[] rsv = clientFrame(true, Frames.TEXT, utf8("a"));
        rsv[0] |= 0x40;
        byte[] longPing = clientFrame(true, Frames.PING, new byte[126]);
        byte[] fragmentedPing = clientFrame(false, Frames.PING, new byte[1]);
        byte[] orphanContinuation = clientFrame(true, Frames.CONTINUATION, utf8("a"));
        byte[] unknownOpcode = clientFrame(true, 0x3, utf8("a"));

        for (byte[] frame : new byte[][]{rsv, longPing, fragmentedPing, orphanContinuation, unknownOpcode}) {
            assertThatThrownBy(() -> reader(frame).next())
                    .isInstanceOfSatisfying(CloseException.class, e -> assertThat(e.code()).isEqualTo(1002));
        }
        assertThatThrownBy(() -> reader(clientFrame(false, Frames.TEXT, utf8("a")),
                clientFrame(true, Frames.TEXT, utf8("b"))).next())
                .isInstanceOfSatisfying(CloseException.class, e -> assertThat(e.reason()).contains("new message"));
    }

    @Test
    void next_refusesATextMessageThatIsNotUtf8_with1007() {
        byte[] invalid = {(byte) 0xC3, (byte) 0x28};

        assertThatThrownBy(() -> reader(clientFrame(true, Frames.TEXT, invalid)).next())
                .isInstanceOfSatisfying(CloseException.class, e -> assertThat(e.code()).isEqualTo(1007));
    }

    @Test
    void next_throwsEof_whenTheConnectionEndsInsideAFrame() {
        byte[] frame = clientFrame(true, Frames.TEXT, utf8("hello"));

        assertThatThrownBy(() -> new Frames(new ByteArrayInputStream(Arrays.copyOf(frame, frame.length - 2)),
                FRAME_LIMIT, MESSAGE_LIMIT).next()).isInstanceOf(EOFException.class);
    }

    @Test
    void write_sendsOneUnmaskedFinalFrame_withTheShortestLengthEncoding() throws Exception {
        ByteArrayOutputStream small = new ByteArrayOutputStream();
        Frames.write(small, Frames.TEXT, utf8("hi"));
        ByteArrayOutputStream medium = new ByteArrayOutputStream();
        Frames.write(medium, Frames.TEXT, new byte[200]);
        ByteArrayOutputStream large = new ByteArrayOutputStream();
        Frames.write(large, Frames.BINARY, new byte[70_000]);

        assertThat(small.toByteArray()).containsExactly(0x81, 0x02, 'h', 'i');
        assertThat(Arrays.copyOf(medium.toByteArray(), 4)).containsExactly(0x81, 126, 0, 200);
        assertThat(medium.size()).isEqualTo(204);
        assertThat(Arrays.copyOf(large.toByteArray(), 2)).containsExactly(0x82, 127);
        assertThat(large.size()).isEqualTo(70_010);
    }

    @Test
    void closePayload_carriesTheCode_andCutsTheReasonTo123BytesWithoutSplittingACharacter() {
        byte[] payload = Frames.closePayload(4401, "é".repeat(100));

        assertThat(Frames.closeCode(payload)).isEqualTo(4401);
        assertThat(payload.length - 2).isEqualTo(122);
        assertThat(Frames.isUtf8(Arrays.copyOfRange(payload, 2, payload.length))).isTrue();
        assertThat(Frames.closeCode(new byte[0])).isEqualTo(1005);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
