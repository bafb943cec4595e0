package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.seed.DemoData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The GraphiQL page through the whole local stack: the local API Gateway calls no authorizer for GET /graphiql, the
 * real GraphQL handler answers with the built page, gzip-compressed (the gateway decodes the function's base64 body
 * as API Gateway does), configured to sign in at cognito-local through the explorer client, and its relative
 * {@code graphql} URL is the endpoint that then serves a query with the explorer client's ID token.
 */
@ExtendWith(SharedLocalStack.class)
class GraphiQlIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CONFIG_BLOCK =
            Pattern.compile("<script type=\"application/json\" id=\"tenantgraph-config\">([\\s\\S]*?)</script>");

    @Test
    void graphiql_isServedWithoutAToken_gzipped_withAStrictPolicy_andSignInAtCognitoLocal(LocalStack stack)
            throws Exception {
        // GIVEN the page's URL from the outputs, as a developer reads it
        URI page = URI.create(stack.output("graphiqlUrl"));

        // WHEN a browser opens it, with no token
        HttpResponse<byte[]> response = get(page, Map.of("Accept", "text/html", "Accept-Encoding", "gzip, br"));

        // THEN it is the page, as gzip bytes (not base64 text), with the function's headers through the gateway
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = gunzip(response.body());
        assertThat(html).startsWith("<!doctype html>").contains("<title>TenantGraph GraphiQL</title>");
        String cognito = stack.output("cognitoEndpoint").replaceAll("/+$", "");
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'none'; script-src 'sha256-")
                .contains("connect-src 'self' " + cognito + ";").doesNotContain("unsafe-eval");
        assertThat(config(html)).containsEntry("graphqlUrl", "graphql").containsEntry("graphqlWsUrl", null)
                .containsEntry("cognito", Map.of("region", stack.output("region"),
                        "endpoint", stack.output("cognitoEndpoint"), "clientId", stack.output("explorerClientId")));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void aRevalidation_is304_andAClientWithoutGzip_is406(LocalStack stack) throws Exception {
        // GIVEN
        URI page = URI.create(stack.output("graphiqlUrl"));
        String etag = get(page, Map.of("Accept-Encoding", "gzip")).headers().firstValue("ETag").orElseThrow();

        // WHEN / THEN
        HttpResponse<byte[]> revalidated = get(page, Map.of("Accept-Encoding", "gzip", "If-None-Match", etag));
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        HttpResponse<byte[]> identityOnly = get(page, Map.of("Accept-Encoding", "identity"));
        assertThat(identityOnly.statusCode()).isEqualTo(406);
        assertThat(new String(identityOnly.body(), StandardCharsets.UTF_8)).contains("gzip-compressed only");
    }

    @Test
    void pagesRelativeGraphqlUrl_isTheApi_andAnswersAQueryWithTheExplorerClientsToken(LocalStack stack) {
        // GIVEN the URL the page posts to: "graphql", resolved against the page's own URL, and an ID token from the
        // explorer client, as the page's sign-in panel gets it
        URI endpoint = URI.create(stack.output("graphiqlUrl")).resolve("graphql");
        assertThat(endpoint).isEqualTo(stack.graphqlUrl());
        String token = stack.cognito().initiateAuth(request -> request
                .clientId(stack.output("explorerClientId"))
                .authFlow("USER_PASSWORD_AUTH")
                .authParameters(Map.of("USERNAME", "ada@acme.test", "PASSWORD", DemoData.PASSWORD)))
                .authenticationResult().idToken();

        // WHEN GraphiQL sends { me { email } } with it, as its fetcher does
        HttpResponse<String> answer = post(endpoint, "Bearer " + token, "{\"query\":\"{ me { email } }\"}");

        // THEN the authorizer accepts the explorer client's audience, and the developer sees their own data
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"data\":{\"me\":{\"email\":\"ada@acme.test\"}}}");
    }

    @Test
    void aPastedTextThatIsNoToken_isRefusedByTheGateway(LocalStack stack) {
        // WHEN GraphiQL runs a query with something pasted into its Headers tab that is no token
        URI endpoint = URI.create(stack.output("graphiqlUrl")).resolve("graphql");
        HttpResponse<String> answer = post(endpoint, "Bearer <paste an ID token>", "{\"query\":\"{ __typename }\"}");

        // THEN it is the gateway's GraphQL-shaped 401, which GraphiQL shows in its result pane
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    private static Map<String, Object> config(String html) throws IOException {
        Matcher block = CONFIG_BLOCK.matcher(html);
        assertThat(block.find()).as("the config block").isTrue();
        return JSON.std.mapFrom(block.group(1));
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<byte[]> get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> post(URI uri, String authorization, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .header("Accept", "*/*")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
