package com.tenantgraph.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.tenantgraph.data.Table;
import com.tenantgraph.local.FreshJvm;
import com.tenantgraph.local.data.SharedMoto;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployed credentials path, as a SnapStart function meets it: no AWS_ACCESS_KEY_ID in the environment, only
 * {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} (the SDK accepts plain HTTP
 * for that URI only on a loopback address or the ECS/EKS link-local hosts). A fresh JVM with exactly that environment
 * builds the GraphQL handler through its no-argument constructor (no endpoint override, so the client factory picks the
 * SDK's default chain) and answers a request. The SDK's own {@code AWS_ENDPOINT_URL_DYNAMODB} points it at a small
 * recording forwarder in front of moto, which shows that every DynamoDB request was signed with the container's keys.
 */
@ExtendWith(SharedMoto.class)
class ContainerCredentialsIT {
    private static final String ACCESS_KEY = "ASIACONTAINERPROBE01";
    private static final String SESSION_TOKEN = "container-session-token";
    private static final String AUTHORIZATION_TOKEN = "probe-authorization-token";
    /** Headers the JDK HTTP client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> credentialRequests = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final List<String> securityTokens = new CopyOnWriteArrayList<>();

    @TempDir
    Path home;

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void noCredentialVariables_containerCredentials_signEveryDynamoDbCall(Table table) throws Exception {
        // GIVEN a tenant in moto, a container-credentials endpoint and a recording forwarder to moto
        TenantId tenant = TenantId.of("container-credentials");
        UserId user = UserId.of("container-user");
        ColdStartProbe.seedAdmin(table, tenant, user);
        URI moto = table.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        URI credentials = start("/v1/credentials", this::serveCredentials);
        URI forwarder = start("/", exchange -> forward(exchange, moto));

        // WHEN a fresh JVM with only the function's variables and the container-credentials pair answers a request
        Map<String, String> lambdaEnv = ColdStartProbe.lambdaEnvironment(table.name(), moto);
        ProcessBuilder builder = FreshJvm.of(ColdStartProbe.class, "graphql", moto.toString(), table.name(),
                tenant.value(), user.value());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("TABLE_NAME", table.name());
        env.put("AWS_REGION", "us-east-1");
        env.put("CURSOR_KEYS", lambdaEnv.get("CURSOR_KEYS"));
        env.put("LOG_LEVEL", "WARN");
        env.put("HOME", home.toString()); // no ~/.aws profile to fall back on
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentials.toString());
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTHORIZATION_TOKEN);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", forwarder.toString());
        String output = FreshJvm.run(builder);

        // THEN it answered, having fetched the container's credentials with the token and signed with them
        assertThat(output).as(output).contains("done");
        assertThat(env).doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DYNAMODB_ENDPOINT");
        assertThat(credentialRequests).isNotEmpty().containsOnly(AUTHORIZATION_TOKEN);
        assertThat(signatures).as("the init warm-up and the request's reads").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(auth -> assertThat(auth).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/"));
        assertThat(securityTokens).hasSameSizeAs(signatures).containsOnly(SESSION_TOKEN);
    }

    private void serveCredentials(HttpExchange exchange) throws IOException {
        credentialRequests.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String body = """
                {"AccessKeyId":"%s","SecretAccessKey":"container-secret","Token":"%s","Expiration":"%s"}"""
                .formatted(ACCESS_KEY, SESSION_TOKEN, Instant.now().plus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.SECONDS));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void forward(HttpExchange exchange, URI moto) throws IOException {
        signatures.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        securityTokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().getPath()))
                .method(exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private URI start(String path, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, handler::handle);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
