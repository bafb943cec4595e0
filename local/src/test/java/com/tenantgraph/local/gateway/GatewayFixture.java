package com.tenantgraph.local.gateway;

import com.tenantgraph.local.LocalSettings;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A started gateway for one test, serving template.yaml's API, with the clock its authorizer cache reads (advanced by
 * hand, never by sleeping), the access log lines it wrote, and an HTTP/1.1 client. Closing it stops the gateway.
 */
final class GatewayFixture implements AutoCloseable {
    /** The logical id in template.yaml of the function the API integrates. */
    static final String GRAPHQL_FUNCTION = "GraphQlFunction";

    final FakeAuthorizer authorizer;
    final FakeGraphql graphql;
    final LocalApiGateway gateway;
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    private final AtomicLong nanoTime = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GatewayFixture(LocalApiGateway.Config config, ApiDefinition api, FakeAuthorizer authorizer,
                           FakeGraphql graphql) {
        this.authorizer = authorizer;
        this.graphql = graphql;
        this.gateway = LocalApiGateway.start(config, api, authorizer, Map.of(GRAPHQL_FUNCTION, graphql),
                accessLog::add, nanoTime::get);
    }

    /** The API of template.yaml as the local stack serves it (stage {@code local}), with these parameters on top. */
    static ApiDefinition api(Map<String, String> templateParameters) {
        Map<String, String> parameters = new HashMap<>(LocalSettings.LOCAL_PARAMETERS);
        parameters.putAll(templateParameters);
        return ApiDefinition.fromTemplate(SamTemplate.read(RepoFiles.template(), parameters));
    }

    /**
     * The API of a template written in the test ({@code test.yaml} in errors): one {@code AWS::Serverless::Api},
     * {@code Api}, with stage {@code local} (as {@link FakeAuthorizer} expects) and these properties, then these other resources (both at column 0).
     */
    static ApiDefinition inlineApi(String apiProperties, String otherResources) {
        return ApiDefinition.fromTemplate(SamTemplate.parse("test.yaml", """
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: local
                """ + apiProperties.indent(6) + otherResources.indent(2), Map.of()));
    }

    static GatewayFixture start(FakeAuthorizer authorizer, FakeGraphql graphql) {
        return start(Map.of(), authorizer, graphql);
    }

    /** With template parameters, such as {@code AuthorizerResultTtlInSeconds}. */
    static GatewayFixture start(Map<String, String> templateParameters, FakeAuthorizer authorizer,
                                FakeGraphql graphql) {
        return new GatewayFixture(LocalApiGateway.Config.defaults(0), api(templateParameters), authorizer, graphql);
    }

    static GatewayFixture start(LocalApiGateway.Config config, FakeAuthorizer authorizer, FakeGraphql graphql) {
        return new GatewayFixture(config, api(Map.of()), authorizer, graphql);
    }

    /** For another API than template.yaml's, whose function is {@link #GRAPHQL_FUNCTION}. */
    static GatewayFixture start(ApiDefinition api, FakeAuthorizer authorizer, FakeGraphql graphql) {
        return new GatewayFixture(LocalApiGateway.Config.defaults(0), api, authorizer, graphql);
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
