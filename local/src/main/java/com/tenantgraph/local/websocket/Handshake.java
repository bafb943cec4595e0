package com.tenantgraph.local.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's opening handshake (RFC 6455 section 4.2.1), read from the socket and checked: {@code GET}, HTTP/1.1,
 * {@code Upgrade: websocket}, {@code Connection: Upgrade}, {@code Sec-WebSocket-Version: 13} and a
 * {@code Sec-WebSocket-Key} of 16 base64-encoded bytes. Headers keep the names and order the client sent, as the
 * {@code $connect} event shows them.
 *
 * @param headers the headers by name as sent, each with every value in order
 */
public record Handshake(String path, Map<String, List<String>> query, Map<String, List<String>> headers, String key) {
    /** API Gateway's limit on a request's headers. */
    static final int MAX_HEAD_BYTES = 10 * 1024;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** A handshake the server refuses, with the HTTP status and message it answers. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Handshake {
        query = Collections.unmodifiableMap(query);
        headers = Collections.unmodifiableMap(headers);
    }

    /** Reads and checks the request head; the stream is left at the first frame. */
    public static Handshake read(InputStream in) throws IOException, Refused {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[2].equals("HTTP/1.1")) {
            throw new Refused(400, "The request line must be GET <path> HTTP/1.1");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new Refused(400, "Malformed header line");
            }
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        String target = requestLine[1];
        int question = target.indexOf('?');
        Handshake handshake = new Handshake(question < 0 ? target : target.substring(0, question),
                question < 0 ? Map.of() : parseQuery(target.substring(question + 1)), headers, null);
        if (!requestLine[0].equals("GET")) {
            throw new Refused(400, "A WebSocket handshake is a GET request");
        }
        return handshake.checked();
    }

    private Handshake checked() throws Refused {
        if (!"websocket".equalsIgnoreCase(header("Upgrade"))) {
            throw new Refused(426, "Upgrade Required: this is a WebSocket API (Upgrade: websocket)");
        }
        if (tokens("Connection").stream().noneMatch("upgrade"::equalsIgnoreCase)) {
            throw new Refused(400, "The handshake must have Connection: Upgrade");
        }
        if (!"13".equals(header("Sec-WebSocket-Version"))) {
            throw new Refused(426, "Only WebSocket version 13 is served (Sec-WebSocket-Version: 13)");
        }
        String key = header("Sec-WebSocket-Key");
        if (key == null || !isSixteenBytes(key)) {
            throw new Refused(400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        return new Handshake(path, query, headers, key);
    }

    private static boolean isSixteenBytes(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The last value of a header, whatever the case of its name; null when absent. */
    public String header(String name) {
        String found = null;
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                found = entry.getValue().get(entry.getValue().size() - 1);
            }
        }
        return found;
    }

    /** The comma-separated tokens of every value of a header (such as the subprotocols a client offers). */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        headers.forEach((header, values) -> {
            if (header.equalsIgnoreCase(name)) {
                values.forEach(value -> Arrays.stream(value.split(",")).map(String::trim)
                        .filter(token -> !token.isEmpty()).forEach(tokens::add));
            }
        });
        return tokens;
    }

    /** The {@code Sec-WebSocket-Accept} value that proves the server read this handshake's key. */
    public String acceptValue() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String readHead(InputStream in) throws IOException, Refused {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            if (head.size() >= MAX_HEAD_BYTES) {
                throw new Refused(431, "Request header fields too large");
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the end of the handshake");
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }
}
