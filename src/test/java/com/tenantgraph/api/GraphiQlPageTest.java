package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.api.MockedTableApi.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /graphiql} through the real handler, with the page the build put on the classpath: public (no authorizer
 * context), reading nothing from DynamoDB, sent gzip-compressed as base64 with a Content-Security-Policy built from the
 * page's manifest and its config block, revalidated by ETag. The rules are those of web/graphiql/serve-rules.mjs.
 */
class GraphiQlPageTest {
    private static final Pattern CONFIG_BLOCK =
            Pattern.compile("<script type=\"application/json\" id=\"tenantgraph-config\">([\\s\\S]*?)</script>");
    private static final BrowserConfig SIGN_IN = new BrowserConfig("*", "eu-west-1",
            URI.create("https://cognito-idp.eu-west-1.amazonaws.com"), "explorer-client-id", null);

    private final MockedTableApi api = new MockedTableApi().withActiveAdmin();

    @Test
    void graphiql_servesTheGzippedPage_asBase64_withoutAuthorizerContext_orAnyDynamoDbCall() throws IOException {
        // WHEN API Gateway forwards GET /graphiql (no authorizer) from a browser
        APIGatewayProxyResponseEvent response = api.handler.handleRequest(pageRequest(null), null);

        // THEN the body is base64 of the gzip-compressed page, and nothing was read
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isTrue();
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Content-Encoding", "gzip").containsEntry("Vary", "Accept-Encoding");
        String page = gunzip(response.getBody());
        assertThat(page).startsWith("<!doctype html>").contains("<title>TenantGraph GraphiQL</title>")
                .doesNotContain("@@TENANTGRAPH_CONFIG@@").doesNotContain("cdn.jsdelivr.net");
        assertThat(response.getBody().length()).as("well under Lambda's 6 MB response limit").isLessThan(4_000_000);
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void graphiql_setsAStrictPolicy_fromTheManifest_andTheOtherSecurityHeaders() throws IOException {
        // WHEN
        Reply reply = api.send(pageRequest(null));

        // THEN scripts only by the manifest's hashes, connections to this origin only (sign-in is off here)
        Map<String, List<String>> csp = directives(reply.headers().get("Content-Security-Policy"));
        assertThat(csp.keySet()).containsExactly("default-src", "script-src", "style-src", "worker-src", "img-src",
                "font-src", "connect-src", "base-uri", "form-action", "frame-ancestors");
        assertThat(csp.get("default-src")).containsExactly("'none'");
        assertThat(csp.get("script-src")).isEqualTo(manifestScriptHashes()).allMatch(s -> s.startsWith("'sha256-"));
        assertThat(csp.get("style-src")).containsExactly("'unsafe-inline'");
        assertThat(csp.get("worker-src")).containsExactly("blob:");
        assertThat(csp.get("connect-src")).containsExactly("'self'");
        assertThat(csp.get("font-src")).containsExactly("data:");
        assertThat(csp.get("img-src")).containsExactly("data:");
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("base-uri")).containsExactly("'none'");
        assertThat(csp.get("form-action")).containsExactly("'none'");
        assertThat(csp.values().stream().flatMap(List::stream))
                .doesNotContain("'unsafe-eval'", "'strict-dynamic'", "*", "https:", "http:");
        assertThat(reply.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Cache-Control", "no-cache");
        assertThat(reply.headers().get("ETag")).matches("\"[A-Za-z0-9_-]{43}\"");
    }

    @Test
    void withoutAnExplorerClient_theConfigTurnsSignInOff() throws IOException {
        // WHEN
        Map<String, Object> config = config(gunzip(api.handler.handleRequest(pageRequest(null), null).getBody()));

        // THEN
        assertThat(config).containsEntry("graphqlUrl", "graphql").containsEntry("graphqlWsUrl", null)
                .containsEntry("cognito", null);
    }

    @Test
    void withAnExplorerClient_thePageSignsInAtCognito_andThePolicyAllowsExactlyThatOrigin() throws IOException {
        // GIVEN the deployed configuration
        GraphQlHandler handler = new GraphQlHandler(api.application, SIGN_IN);

        // WHEN
        APIGatewayProxyResponseEvent response = handler.handleRequest(pageRequest(null), null);

        // THEN
        assertThat(config(gunzip(response.getBody()))).containsEntry("graphqlUrl", "graphql")
                .containsEntry("cognito", Map.of("region", "eu-west-1",
                        "endpoint", "https://cognito-idp.eu-west-1.amazonaws.com", "clientId", "explorer-client-id"));
        assertThat(directives(response.getHeaders().get("Content-Security-Policy")).get("connect-src"))
                .containsExactly("'self'", "https://cognito-idp.eu-west-1.amazonaws.com");
    }

    @Test
    void theLocalCognitoEndpoint_isAllowedByItsOrigin_withoutAPath() {
        // GIVEN the local stack's configuration: cognito-local on a loopback port
        BrowserConfig local = BrowserConfig.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                "COGNITO_ENDPOINT", "http://127.0.0.1:9229/", "EXPLORER_CLIENT_ID", "local-explorer",
                "GRAPHQL_WS_URL", "wss://ws.example.com:443/v1"));

        // WHEN
        String policy = GraphiQlPage.contentSecurityPolicy(List.of("'sha256-x'"), local);

        // THEN
        assertThat(directives(policy).get("connect-src"))
                .containsExactly("'self'", "wss://ws.example.com", "http://127.0.0.1:9229");
    }

    @Test
    void aHostileClientId_cannotEndTheConfigBlock_andParsesBackUnchanged() throws IOException {
        // GIVEN a client id (from the environment) written to break out of the <script> element
        String hostile = "</script><script>alert(1)</script><!-- & \u2028\u2029";
        GraphQlHandler handler = new GraphQlHandler(api.application, new BrowserConfig("*", "eu-west-1",
                URI.create("https://cognito-idp.eu-west-1.amazonaws.com"), hostile, null));

        // WHEN
        String page = gunzip(handler.handleRequest(pageRequest(null), null).getBody());

        // THEN the block holds no markup, reads back as the same text, and the page's scripts are unchanged
        Matcher block = CONFIG_BLOCK.matcher(page);
        assertThat(block.find()).isTrue();
        assertThat(block.group(1)).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        @SuppressWarnings("unchecked")
        Map<String, Object> cognito = (Map<String, Object>) config(page).get("cognito");
        assertThat(cognito).containsEntry("clientId", hostile);
        String pageWithoutBlock = page.substring(0, block.start()) + page.substring(block.end());
        assertThat(countOf(page, "</script>")).isEqualTo(countOf(pageWithoutBlock, "</script>") + 1);
    }

    @Test
    void theEtag_revalidatesWith304_andNoBody() {
        // GIVEN
        String etag = api.send(pageRequest(null)).headers().get("ETag");

        // WHEN the browser revalidates (as Cache-Control: no-cache makes it), also in a list or weak form
        for (String ifNoneMatch : List.of(etag, "\"other\", " + etag, "W/" + etag)) {
            APIGatewayProxyRequestEvent request = pageRequest(null);
            request.getHeaders().put("if-none-match", ifNoneMatch);
            APIGatewayProxyResponseEvent response = api.handler.handleRequest(request, null);

            // THEN
            assertThat(response.getStatusCode()).as(ifNoneMatch).isEqualTo(304);
            assertThat(response.getBody()).isEmpty();
            assertThat(response.getHeaders()).containsEntry("ETag", etag).doesNotContainKey("Content-Encoding")
                    .doesNotContainKey("Content-Type").containsKey("Content-Security-Policy");
        }
        // and another tag is a full answer
        APIGatewayProxyRequestEvent stale = pageRequest(null);
        stale.getHeaders().put("If-None-Match", "\"stale\"");
        assertThat(api.handler.handleRequest(stale, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void thePageIsCompressedOncePerContainer() {
        // GIVEN a page (SnapStart priming asks for it before the snapshot; otherwise the first request does)
        GraphiQlPage page = new GraphiQlPage(SIGN_IN);

        // WHEN / THEN every later answer reuses the same compressed body
        assertThat(page.gzipBase64()).isSameAs(page.gzipBase64());
    }

    @Test
    void theEtag_changesWithTheConfig() {
        String signedOut = api.send(pageRequest(null)).headers().get("ETag");
        String signIn = new GraphQlHandler(api.application, SIGN_IN).handleRequest(pageRequest(null), null)
                .getHeaders().get("ETag");
        assertThat(signIn).isNotEqualTo(signedOut);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identity", "br, deflate", "gzip;q=0, br", "deflate, *;q=0"})
    void aClientWithoutGzip_gets406_becauseTheUncompressedPageDoesNotFitALambdaResponse(String acceptEncoding) {
        // GIVEN
        APIGatewayProxyRequestEvent request = pageRequest(null);
        request.getHeaders().put("Accept-Encoding", acceptEncoding);

        // WHEN
        APIGatewayProxyResponseEvent response = api.handler.handleRequest(request, null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(406);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThat(response.getBody()).contains("gzip-compressed only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*"})
    void everyBrowsersAcceptEncoding_getsThePage(String acceptEncoding) {
        APIGatewayProxyRequestEvent request = pageRequest(null);
        request.getHeaders().put("Accept-Encoding", acceptEncoding);
        assertThat(api.handler.handleRequest(request, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void pageRoute_ignoresAToken_andStillReadsNothing() {
        // GIVEN a request that happens to carry an authorizer context (API Gateway would not call one here)
        Reply reply = api.send(pageRequest(MockedTableApi.validAuthorizer()));

        // THEN it is the same public page
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("text/html; charset=utf-8");
        verifyNoInteractions(api.dynamoDb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/graphiql/", "/GraphiQL"})
    void getOnAnyOtherResource_isGraphql_andNeedsTheAuthorizer(String resource) {
        // GIVEN a GET without an authorizer context on another resource
        APIGatewayProxyRequestEvent event = pageRequest(null).withResource(resource).withHeaders(Map.of())
                .withQueryStringParameters(Map.of("query", "{ me { id } }"));

        // WHEN / THEN it is a GraphQL request, refused without a caller
        Reply reply = api.send(event);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void postOnThePageResource_isGraphql_andNeedsTheAuthorizer() {
        // WHEN
        Reply reply = api.send(pageRequest(null).withHttpMethod("POST")
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"query\":\"{ me { id } }\"}"));

        // THEN
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void graphqlRequests_areAnsweredAsBefore_asText() {
        // WHEN an ordinary authorized query arrives beside the page route
        APIGatewayProxyResponseEvent response = api.handler.handleRequest(MockedTableApi.postQuery("{ me { email } }"),
                null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getIsBase64Encoded()).isFalse();
        assertThat(response.getBody()).contains(MockedTableApi.USER + "@example.com");
    }

    @Test
    void everyAnswer_namesTheConfiguredOrigin() {
        // GIVEN an API deployed for one front end (CorsAllowOrigin)
        GraphQlHandler handler = new GraphQlHandler(api.application, new BrowserConfig("https://app.example.com",
                "eu-west-1", URI.create("https://cognito-idp.eu-west-1.amazonaws.com"), null, null));

        // WHEN / THEN a query, a refusal and the page all carry it
        assertThat(handler.handleRequest(MockedTableApi.postQuery("{ me { email } }"), null).getHeaders())
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
        assertThat(handler.handleRequest(MockedTableApi.event("POST", Map.of(), "{}", null), null).getHeaders())
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
        assertThat(handler.handleRequest(pageRequest(null), null).getHeaders())
                .containsEntry("Access-Control-Allow-Origin", "https://app.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example.com,https://b.example.com", "app.example.com", "https://x.com/path"})
    void aCorsOriginThatIsNotOneOrigin_failsTheInit(String origin) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrowserConfig.fromEnvironment(
                Map.of("CORS_ALLOW_ORIGIN", origin))).hasMessageContaining("CORS_ALLOW_ORIGIN");
    }

    // ---- helpers

    /** What API Gateway sends for the /graphiql resource from a browser: no authorizer context, gzip accepted. */
    private static APIGatewayProxyRequestEvent pageRequest(Map<String, Object> authorizer) {
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "text/html",
                "Accept-Encoding", "gzip, deflate, br, zstd"));
        return MockedTableApi.event("GET", headers, null, authorizer).withPath("/graphiql").withResource("/graphiql");
    }

    private static String gunzip(String base64) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> config(String page) throws IOException {
        Matcher block = CONFIG_BLOCK.matcher(page);
        assertThat(block.find()).as("config block").isTrue();
        return JSON.std.mapFrom(block.group(1));
    }

    @SuppressWarnings("unchecked")
    private static List<String> manifestScriptHashes() throws IOException {
        try (InputStream in = GraphiQlPage.class.getClassLoader().getResourceAsStream(GraphiQlPage.MANIFEST)) {
            return (List<String>) JSON.std.mapFrom(in.readAllBytes()).get("scriptHashes");
        }
    }

    private static int countOf(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static Map<String, List<String>> directives(String policy) {
        assertThat(policy).as("Content-Security-Policy").isNotBlank();
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            List<String> words = Arrays.asList(directive.trim().split("\\s+"));
            assertThat(directives.put(words.get(0), words.subList(1, words.size()))).as("repeated %s", words.get(0))
                    .isNull();
        }
        return directives;
    }
}
