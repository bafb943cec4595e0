package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tenantgraph.api.MockedTableApi.Reply;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /graphiql} through the real handler: the GraphiQL page, public (no authorizer context), reading nothing
 * from DynamoDB, with a Content-Security-Policy that allows exactly the pinned CDN files and the page's own nonce'd
 * bootstrap. Every other request on the handler is GraphQL, as before.
 */
class GraphiQlPageTest {
    private static final Pattern TAG = Pattern.compile("<(script|style|link)\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    private final MockedTableApi api = new MockedTableApi().withActiveAdmin();

    @Test
    void graphiql_servesTheHtmlPage_withoutAuthorizerContext_orAnyDynamoDbCall() {
        // GIVEN / WHEN API Gateway forwards GET /graphiql, for which it calls no authorizer
        Reply reply = api.send(pageRequest("GET", null));

        // THEN the page comes back, and nothing was read
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(reply.rawBody()).startsWith("<!doctype html>").contains("<div id=\"graphiql\">")
                .contains("<title>TenantGraph GraphiQL</title>");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void graphiql_setsAStrictPolicy_andTheOtherSecurityHeaders() {
        // WHEN
        Reply reply = api.send(pageRequest("GET", null));

        // THEN
        Map<String, List<String>> csp = directives(reply.headers().get("Content-Security-Policy"));
        String nonce = nonceOf(csp.get("script-src"));
        assertThat(csp.get("default-src")).containsExactly("'none'");
        assertThat(csp.get("script-src")).containsExactly("'nonce-" + nonce + "'",
                "https://cdn.jsdelivr.net/npm/react@18.3.1/umd/react.production.min.js",
                "https://cdn.jsdelivr.net/npm/react-dom@18.3.1/umd/react-dom.production.min.js",
                "https://cdn.jsdelivr.net/npm/graphiql@4.1.2/graphiql.min.js");
        assertThat(csp.get("style-src")).containsExactly("'nonce-" + nonce + "'",
                "https://cdn.jsdelivr.net/npm/graphiql@4.1.2/graphiql.min.css");
        assertThat(csp.get("connect-src")).containsExactly("'self'");
        assertThat(csp.get("font-src")).containsExactly("data:");
        assertThat(csp.get("img-src")).containsExactly("data:");
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("base-uri")).containsExactly("'none'");
        assertThat(csp.get("form-action")).containsExactly("'none'");
        assertThat(csp.values().stream().flatMap(List::stream))
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", "*", "https:", "http:");
        assertThat(reply.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Cache-Control", "no-store");
    }

    @Test
    void everyScriptAndStyle_isAPinnedCdnFileWithSri_orCarriesThePolicysNonce() {
        // WHEN
        Reply reply = api.send(pageRequest("GET", null));

        // THEN each external file is in the policy and pinned by sha384; each inline element has the nonce
        Map<String, List<String>> csp = directives(reply.headers().get("Content-Security-Policy"));
        String nonce = nonceOf(csp.get("script-src"));
        List<Map<String, String>> tags = tags(reply.rawBody());
        assertThat(tags).hasSize(6);
        for (Map<String, String> tag : tags) {
            String url = tag.containsKey("src") ? tag.get("src") : tag.get("href");
            String directive = tag.get("tag").equals("script") ? "script-src" : "style-src";
            if (url == null) {
                assertThat(tag).as("inline %s", tag.get("tag")).containsEntry("nonce", nonce);
                continue;
            }
            assertThat(csp.get(directive)).as("%s of %s", directive, url).contains(url);
            assertThat(url).as("an exact version")
                    .matches("https://cdn\\.jsdelivr\\.net/npm/[a-z-]+@\\d+\\.\\d+\\.\\d+/.+");
            assertThat(tag.get("integrity")).as("SRI of %s", url).matches("sha384-[A-Za-z0-9+/]{64}");
            assertThat(tag).containsEntry("crossorigin", "anonymous");
        }
    }

    @Test
    void nonce_isNewForEveryResponse() {
        // WHEN the page is loaded twice
        Reply first = api.send(pageRequest("GET", null));
        Reply second = api.send(pageRequest("GET", null));

        // THEN each response has its own nonce, in its policy and in its page
        String firstNonce = nonceOf(directives(first.headers().get("Content-Security-Policy")).get("script-src"));
        String secondNonce = nonceOf(directives(second.headers().get("Content-Security-Policy")).get("script-src"));
        assertThat(firstNonce).isNotEqualTo(secondNonce).matches("[A-Za-z0-9+/]{24}");
        assertThat(second.rawBody()).contains("nonce=\"" + secondNonce + "\"").doesNotContain(firstNonce);
    }

    @Test
    void page_postsToTheRelativeGraphqlUrl_withThePastedHeaders_neverStoringThem() {
        // WHEN
        String page = api.send(pageRequest("GET", null)).rawBody();

        // THEN it talks to "graphql" beside itself (a stage prefix stays), prefills the header to paste into, and
        // keeps a pasted token (which GraphiQL's history saves with each query) out of storage that outlives the tab
        assertThat(page).contains("url: new URL('graphql', window.location.href).href")
                .contains("Authorization: 'Bearer <paste an ID token: ./dev token ada@acme.test>'")
                .contains("defaultEditorToolsVisibility: 'headers'")
                .contains("shouldPersistHeaders: false")
                .contains("storage: window.sessionStorage")
                .contains("enableIncrementalDelivery: false")
                .contains("GraphiQL could not be loaded from cdn.jsdelivr.net");
    }

    @Test
    void pageRoute_ignoresAToken_andStillReadsNothing() {
        // GIVEN a request that happens to carry an authorizer context (API Gateway would not call one here)
        Reply reply = api.send(pageRequest("GET", MockedTableApi.validAuthorizer()));

        // THEN it is the same public page
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("text/html; charset=utf-8");
        verifyNoInteractions(api.dynamoDb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/graphiql/", "/GraphiQL"})
    void getOnAnyOtherResource_isGraphql_andNeedsTheAuthorizer(String resource) {
        // GIVEN a GET without an authorizer context on another resource
        APIGatewayProxyRequestEvent event = pageRequest("GET", null).withResource(resource).withHeaders(Map.of())
                .withQueryStringParameters(Map.of("query", "{ me { id } }"));

        // WHEN / THEN it is a GraphQL request, refused without a caller
        Reply reply = api.send(event);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void postOnThePageResource_isGraphql_andNeedsTheAuthorizer() {
        // WHEN
        Reply reply = api.send(pageRequest("POST", null).withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"query\":\"{ me { id } }\"}"));

        // THEN
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstErrorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void graphqlRequests_areAnsweredAsBefore() {
        // WHEN an ordinary authorized query arrives beside the page route
        Reply reply = api.query("{ me { email } }");

        // THEN
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data()).isEqualTo(Map.of("me", Map.of("email", MockedTableApi.USER + "@example.com")));
    }

    // ---- helpers

    /** What API Gateway sends for the /graphiql resource: a path, a resource, and no authorizer context. */
    private static APIGatewayProxyRequestEvent pageRequest(String method, Map<String, Object> authorizer) {
        return MockedTableApi.event(method, Map.of("Accept", "text/html"), null, authorizer)
                .withPath("/graphiql").withResource("/graphiql");
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

    private static String nonceOf(List<String> sources) {
        return sources.stream().filter(s -> s.startsWith("'nonce-")).map(s -> s.substring(7, s.length() - 1))
                .findFirst().orElseThrow(() -> new AssertionError("no nonce in " + sources));
    }

    private static List<Map<String, String>> tags(String html) {
        List<Map<String, String>> tags = new java.util.ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("tag", tag.group(1));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            tags.add(attributes);
        }
        return tags;
    }
}
