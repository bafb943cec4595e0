package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.seed.DemoData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The GraphiQL page through the whole local stack: the local API Gateway calls no authorizer for GET /graphiql, the
 * real GraphQL handler answers with the page and its security headers, and the page's relative {@code graphql} URL is
 * the endpoint that then serves a query with a token, as GraphiQL sends it.
 */
@ExtendWith(SharedLocalStack.class)
class GraphiQlIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=]+)'");

    @Test
    void graphiql_isServedWithoutAToken_asHtmlWithAStrictPolicy(LocalStack stack) throws Exception {
        // GIVEN the page's URL from the outputs, as a developer reads it
        URI page = URI.create(stack.output("graphiqlUrl"));

        // WHEN a browser opens it, with no token
        HttpResponse<String> response = get(page, Map.of("Accept", "text/html"));

        // THEN it is the GraphiQL page, with the function's security headers through the gateway
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'").contains("connect-src 'self'")
                .contains("script-src 'nonce-").contains("https://cdn.jsdelivr.net/npm/graphiql@4.1.2/graphiql.min.js")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        Matcher nonce = NONCE.matcher(policy);
        assertThat(nonce.find()).isTrue();
        assertThat(response.body()).contains("<script nonce=\"" + nonce.group(1) + "\">")
                .contains("integrity=\"sha384-");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void pagesRelativeGraphqlUrl_isTheApi_andAnswersAQueryWithTheDevelopersToken(LocalStack stack) {
        // GIVEN the URL the page posts to: "graphql", resolved against the page's own URL
        URI endpoint = URI.create(stack.output("graphiqlUrl")).resolve("graphql");
        assertThat(endpoint).isEqualTo(stack.graphqlUrl());
        String token = new ApiClient(stack).idToken("ada@acme.test", DemoData.PASSWORD);

        // WHEN GraphiQL sends { me { email } } with the pasted header, as its fetcher does
        HttpResponse<String> answer = post(endpoint, "Bearer " + token, "{\"query\":\"{ me { email } }\"}");

        // THEN the developer sees their own data
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"data\":{\"me\":{\"email\":\"ada@acme.test\"}}}");
    }

    @Test
    void theUntouchedPlaceholderHeader_isRefusedByTheGateway(LocalStack stack) {
        // WHEN GraphiQL runs a query (or its schema introspection) before a token is pasted
        URI endpoint = URI.create(stack.output("graphiqlUrl")).resolve("graphql");
        HttpResponse<String> answer = post(endpoint, "Bearer <paste an ID token: ./dev token ada@acme.test>",
                "{\"query\":\"{ __typename }\"}");

        // THEN it is the gateway's GraphQL-shaped 401, which GraphiQL shows in its result pane
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
