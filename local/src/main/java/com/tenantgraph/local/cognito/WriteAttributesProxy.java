package com.tenantgraph.local.cognito;

import com.sun.net.httpserver.HttpExchange;
import com.tenantgraph.local.lambda.HttpExchanges;
import com.tenantgraph.local.lambda.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The local Cognito endpoint: an HTTP proxy on 127.0.0.1 in front of cognito-local that refuses what Cognito's app
 * client {@code WriteAttributes} refuse and cognito-local lets through (a client writing {@code custom:tenantId} at
 * sign-up or through UpdateUserAttributes), with Cognito's own answer: HTTP 400, {@code NotAuthorizedException},
 * "A client attempted to write unauthorized attribute" ({@link WriteAttributesPolicy} decides which requests). Every
 * other request, Admin* calls, sign-in and the JWKS included, is passed to cognito-local as it came, and its answer
 * back as it came: method, path, query, headers and body bytes (only the hop-by-hop headers the JDK's HTTP client
 * sets itself are not copied).
 */
public final class WriteAttributesProxy implements AutoCloseable {
    static final String NOT_AUTHORIZED = "NotAuthorizedException";
    static final String UNAUTHORIZED_ATTRIBUTE = "A client attempted to write unauthorized attribute";
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int THREADS = 16;
    /** Headers the JDK's client sets itself (and refuses to be given), plus the hop-by-hop ones. */
    private static final Set<String> NOT_COPIED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

    private final LoopbackHttpServer server;

    private WriteAttributesProxy(LoopbackHttpServer server) {
        this.server = server;
    }

    /**
     * @param port               the port to listen on (0 picks a free one)
     * @param portSetting        the setting that chooses it, named in the error when it is taken
     * @param cognitoLocal       cognito-local's endpoint
     * @param writableByClient   app client id to the attributes it may write (template.yaml's WriteAttributes)
     */
    public static WriteAttributesProxy start(int port, String portSetting, URI cognitoLocal,
                                             Map<String, ? extends Collection<String>> writableByClient) {
        WriteAttributesPolicy policy = new WriteAttributesPolicy(writableByClient);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        LoopbackHttpServer server = LoopbackHttpServer.start("the local Cognito endpoint", port, portSetting, THREADS,
                exchange -> handle(exchange, policy, client, cognitoLocal));
        return new WriteAttributesProxy(server);
    }

    private static void handle(HttpExchange exchange, WriteAttributesPolicy policy, HttpClient client, URI target)
            throws IOException {
        try {
            byte[] body = HttpExchanges.readBody(exchange, MAX_BODY_BYTES).orElse(null);
            if (body == null) {
                HttpExchanges.send(exchange, 413, Map.of("Content-Type", List.of("text/plain")),
                        "request body over 1 MB".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (policy.refuses(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body)) {
                refuse(exchange);
                return;
            }
            forward(exchange, body, client, target);
        } finally {
            exchange.close();
        }
    }

    /** Cognito's answer, in the AWS JSON 1.1 protocol's error shape. */
    private static void refuse(HttpExchange exchange) throws IOException {
        String json = "{\"__type\":\"" + NOT_AUTHORIZED + "\",\"message\":\"" + UNAUTHORIZED_ATTRIBUTE + "\"}";
        HttpExchanges.send(exchange, 400, Map.of(
                "Content-Type", List.of("application/x-amz-json-1.1"),
                "x-amzn-ErrorType", List.of(NOT_AUTHORIZED),
                "x-amzn-RequestId", List.of(UUID.randomUUID().toString())), json.getBytes(StandardCharsets.UTF_8));
    }

    private static void forward(HttpExchange exchange, byte[] body, HttpClient client, URI target)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            HttpExchanges.send(exchange, 502, Map.of("Content-Type", List.of("text/plain")),
                    ("cognito-local did not answer: " + e).getBytes(StandardCharsets.UTF_8));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        HttpExchanges.send(exchange, response.statusCode(), Map.of(), response.body());
    }

    /** {@code http://127.0.0.1:PORT}: the Cognito endpoint front ends, tests and outputs.json use. */
    public URI endpoint() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
