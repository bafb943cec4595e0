package com.tenantgraph.local.gateway;

import com.tenantgraph.local.emulator.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The local API Gateway's listening socket. The JDK's HTTP server answers some requests itself, before any handler
 * runs, with an HTML page: a request target that is not a valid URI ({@code GET /graphql?query=%ZZ}), a Content-Length
 * that is not a number, a request line it cannot split. A client of a GraphQL API expects a GraphQL-shaped JSON error
 * there as everywhere else, so this front reads each request's head first, answers what the HTTP server would refuse
 * with {@code {"errors":[{"message", "extensions":{"code":"BAD_USER_INPUT"}}]}} (400, 431 for a head over 64 KB, 505
 * for an HTTP version other than 1.0/1.1), and passes everything else, byte for byte, to the HTTP server on a private
 * loopback port. One request per connection (both heads are forwarded with {@code Connection: close}), so every
 * request passes through the same check; local traffic does not miss keep-alive.
 */
final class HttpFront implements AutoCloseable {
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

    private final ServerSocket socket;
    private final InetSocketAddress inner;
    private volatile Thread acceptor;

    private HttpFront(ServerSocket socket, InetSocketAddress inner) {
        this.socket = socket;
        this.inner = inner;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) in front of the HTTP server on {@code innerPort}. */
    static HttpFront start(String name, int port, String portSetting, int innerPort) {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(Ports.LOOPBACK, port));
        } catch (BindException e) {
            throw new Ports.PortInUseException("port " + port + " on 127.0.0.1 for " + name + " is already in use; "
                    + "stop whatever holds it or choose another port with " + portSetting + " (0 picks a free one)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " on 127.0.0.1:" + port, e);
        }
        HttpFront front = new HttpFront(socket, new InetSocketAddress(Ports.LOOPBACK, innerPort));
        front.acceptor = daemon("http-front-accept", front::accept);
        return front;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                daemon("http-front", () -> serve(client));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new java.io.BufferedInputStream(client.getInputStream());
            byte[] head = readHead(in);
            if (!complete(head)) {
                refuse(client, 431, "The request head is larger than " + MAX_HEAD_BYTES + " bytes");
                return;
            }
            String problem = problem(new String(head, StandardCharsets.ISO_8859_1));
            if (problem != null) {
                refuse(client, problem.startsWith("505") ? 505 : 400, problem.substring(4));
                return;
            }
            try (Socket server = new Socket()) {
                server.connect(inner);
                OutputStream toServer = server.getOutputStream();
                toServer.write(closing(new String(head, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
                daemon("http-front-body", () -> pipe(in, toServer));
                InputStream fromServer = new java.io.BufferedInputStream(server.getInputStream());
                byte[] answerHead = readHead(fromServer);
                OutputStream toClient = client.getOutputStream();
                toClient.write(complete(answerHead) ? closing(new String(answerHead, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1) : answerHead);
                fromServer.transferTo(toClient);
            }
        } catch (IOException e) {
            // the client or the server went away: nothing to answer
        }
    }

    /** The head up to and including the empty line, or the first {@link #MAX_HEAD_BYTES} bytes when it is longer. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD_BYTES) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the request head");
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return head.toByteArray();
    }

    private static boolean complete(byte[] head) {
        int n = head.length;
        return n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n';
    }

    /** What the HTTP server would refuse in this head, as "status message"; null when it is fine. */
    static String problem(String head) {
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3 || !TOKEN.matcher(request[0]).matches()) {
            return "400 The request line must be METHOD SP request-target SP HTTP-version";
        }
        if (!VERSION.matcher(request[2]).matches()) {
            return "505 Only HTTP/1.0 and HTTP/1.1 are served";
        }
        try {
            new URI(request[1]);
        } catch (URISyntaxException e) {
            return "400 The request target is not a valid URL (a '%' must be followed by two hex digits): "
                    + e.getReason();
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches()) {
                return "400 Malformed header line";
            }
            String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length") && !value.matches("[0-9]{1,18}")) {
                return "400 Content-Length must be a non-negative integer";
            }
            if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("chunked")) {
                return "400 The only Transfer-Encoding served is chunked";
            }
        }
        return null;
    }

    /**
     * The head with {@code Connection: close} instead of any Connection header: the request's, so the HTTP server
     * closes after answering; the answer's, so the client does not send another request on this connection.
     */
    private static String closing(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.regionMatches(true, 0, "connection:", 0, 11)) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void refuse(Socket client, int status, String message) throws IOException {
        String body = com.fasterxml.jackson.jr.ob.JSON.std.asString(java.util.Map.of("errors", java.util.List.of(
                java.util.Map.of("message", message, "extensions", java.util.Map.of("code", "BAD_USER_INPUT")))));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + (status == 431 ? "Request Header Fields Too Large"
                : status == 505 ? "HTTP Version Not Supported" : "Bad Request") + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static void pipe(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            // either side closed
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops listening; when this returns, the port is free ({@link Ports#closeListener}). */
    @Override
    public void close() {
        Ports.closeListener(socket, acceptor);
    }
}
