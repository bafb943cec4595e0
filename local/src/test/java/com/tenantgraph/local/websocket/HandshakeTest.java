package com.tenantgraph.local.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final String VALID = "GET /local?x=1&y=a%20b HTTP/1.1\r\n"
            + "Host: 127.0.0.1:3002\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: keep-alive, Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: graphql-transport-ws, other\r\n"
            + "\r\n";

    private static Handshake read(String head) throws Exception {
        return Handshake.read(new ByteArrayInputStream(head.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void read_keepsPathQueryAndHeadersAsSent_andComputesTheRfcAcceptValue() throws Exception {
        Handshake handshake = read(VALID);

        assertThat(handshake.path()).isEqualTo("/local");
        assertThat(handshake.query()).containsEntry("x", java.util.List.of("1")).containsEntry("y",
                java.util.List.of("a b"));
        assertThat(handshake.headers()).containsKeys("Host", "Sec-WebSocket-Protocol");
        assertThat(handshake.header("sec-websocket-version")).isEqualTo("13");
        assertThat(handshake.tokens("Sec-WebSocket-Protocol")).containsExactly("graphql-transport-ws", "other");
        // the example of RFC 6455 section 1.3
        assertThat(handshake.acceptValue()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void read_refusesAPlainHttpRequest_with426() {
        assertThatThrownBy(() -> read("GET /local HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isInstanceOfSatisfying(Handshake.Refused.class, e -> assertThat(e.status()).isEqualTo(426));
    }

    @Test
    void read_refusesAnotherVersionOrABadKeyOrMethod() {
        assertThatThrownBy(() -> read(VALID.replace("Version: 13", "Version: 8")))
                .isInstanceOfSatisfying(Handshake.Refused.class, e -> assertThat(e.status()).isEqualTo(426));
        assertThatThrownBy(() -> read(VALID.replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=")))
                .isInstanceOfSatisfying(Handshake.Refused.class, e -> assertThat(e.getMessage()).contains("16 bytes"));
        assertThatThrownBy(() -> read(VALID.replace("GET ", "POST ")))
                .isInstanceOfSatisfying(Handshake.Refused.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> read(VALID.replace("keep-alive, Upgrade", "keep-alive")))
                .isInstanceOfSatisfying(Handshake.Refused.class, e -> assertThat(e.getMessage()).contains("Upgrade"));
    }

    @Test
    void read_refusesAHeadOverTenKilobytes_with431() {
        String huge = VALID.replace("\r\n\r\n", "\r\nX-Big: " + "a".repeat(11_000) + "\r\n\r\n");

        assertThatThrownBy(() -> read(huge))
                .isInstanceOfSatisfying(Handshake.Refused.class, e -> assertThat(e.status()).isEqualTo(431));
    }
}
