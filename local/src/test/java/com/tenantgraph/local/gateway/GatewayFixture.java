package com.tenantgraph.local.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A started gateway for one test, with the clock its authorizer cache reads (advanced by hand, never by sleeping),
 * the access log lines it wrote, and an HTTP/1.1 client. Closing it stops the gateway.
 */
final class GatewayFixture implements AutoCloseable {
    final FakeAuthorizer authorizer;
    final FakeGraphql graphql;
    final LocalApiGateway gateway;
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    private final AtomicLong nanoTime = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GatewayFixture(LocalApiGateway.Config config, FakeAuthorizer authorizer, FakeGraphql graphql) {
        this.authorizer = authorizer;
        this.graphql = graphql;
        this.gateway = LocalApiGateway.start(config, authorizer, graphql, accessLog::add, nanoTime::get);
    }

    static GatewayFixture start(FakeAuthorizer authorizer, FakeGraphql graphql) {
        return start(LocalApiGateway.Config.defaults(0), authorizer, graphql);
    }

    static GatewayFixture start(LocalApiGateway.Config config, FakeAuthorizer authorizer, FakeGraphql graphql) {
        return new GatewayFixture(config, authorizer, graphql);
    }

    void advanceClock(Duration duration) {
        nanoTime.addAndGet(duration.toNanos());
    }

    /** POST /graphql with this Authorization header and a small GraphQL body. */
    HttpResponse<String> post(String authorization) throws IOException, InterruptedException {
        return send(request("/graphql").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\"}")));
    }

    HttpResponse<String> get(String pathAndQuery, String authorization) throws IOException, InterruptedException {
        return send(request(pathAndQuery).header("Authorization", authorization).GET());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        gateway.close();
    }
}
