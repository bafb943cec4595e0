package com.tenantgraph.api;

import com.tenantgraph.pipeline.Headers;
import com.tenantgraph.pipeline.HttpResult;
import com.tenantgraph.pipeline.RequestLogFields;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphiQL page that {@code GET /graphiql} answers: public (API Gateway calls no authorizer for it), and it reads
 * nothing, so it needs neither a token nor DynamoDB. Every query the page sends still goes to {@code /graphql} with
 * the Authorization header the developer pastes into GraphiQL's headers editor, and is authorized like any other.
 *
 * <p>GraphiQL comes from a CDN at exact versions, each file pinned by its Subresource Integrity hash, computed from
 * the npm registry tarball, whose files the CDN serves byte for byte ({@code tools/graphiql-check} prints them).
 * GraphiQL 4.1.2 is the last release with a browser bundle (UMD); GraphiQL 5's ES modules import bare package names
 * and Monaco's web workers, so a page can load them only through a CDN that rewrites code on the fly, whose output no
 * pinned hash can cover. The Content-Security-Policy allows exactly the pinned files, the page's own inline bootstrap
 * (by a nonce drawn for each response), and requests to this origin only.
 *
 * <p>The GraphQL endpoint is the relative URL {@code graphql}, so the page works under an API Gateway stage prefix
 * ({@code /v1/graphiql} posts to {@code /v1/graphql}) and on the local API Gateway alike.
 */
final class GraphiQlPage {
    /** The API resource of the page (the route in template.yaml and in the local API Gateway). */
    static final String RESOURCE = "/graphiql";

    /** Where the developer pastes a token; the hint names the local stack's command. */
    static final String AUTHORIZATION_PLACEHOLDER = "Bearer <paste an ID token: ./dev token ada@acme.test>";

    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.request");
    private static final String CDN = "https://cdn.jsdelivr.net/npm/";

    /** A file from the CDN with its SRI hash (sha384 of the exact bytes). */
    record Asset(String url, String integrity) {
    }

    static final Asset STYLESHEET = new Asset(CDN + "graphiql@4.1.2/graphiql.min.css",
            "sha384-1el1QShFBnnXTx9x/Cprg82hZWKt0ry29OAYIXt05swbi0KcZDFoj0CWguMpopJr");
    /** In load order: GraphiQL's UMD build expects the React and ReactDOM globals. */
    static final List<Asset> SCRIPTS = List.of(
            new Asset(CDN + "react@18.3.1/umd/react.production.min.js",
                    "sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z"),
            new Asset(CDN + "react-dom@18.3.1/umd/react-dom.production.min.js",
                    "sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1"),
            new Asset(CDN + "graphiql@4.1.2/graphiql.min.js",
                    "sha384-9XdHu7ajgGJziD4J1zNBKQ842Q/+zZfDv+ib1eMhZWBH6hPAs806x+Jbcf0yNO6B"));

    /**
     * Renders GraphiQL against the relative URL {@code graphql}. GraphiQL's dialogs (react-remove-scroll) add a
     * {@code <style>} element that carries {@code __webpack_nonce__}, so the page hands it its own nonce. A pasted
     * token must not outlive the browser tab: {@code shouldPersistHeaders: false} keeps it out of the saved tabs, but
     * GraphiQL's history saves each query with its headers regardless, so GraphiQL keeps all its state in
     * {@code sessionStorage} (this tab only, gone when it closes) rather than {@code localStorage}.
     */
    private static final String BOOTSTRAP = """
            'use strict';
            window.__webpack_nonce__ = document.currentScript.nonce;
            const starter = [
              '# TenantGraph: every request needs a Cognito ID token.',
              '# 1. Paste one into Headers below',
              '#    (locally: ./dev token ada@acme.test).',
              '# 2. Re-fetch the schema (\\u21bb, bottom left) for docs.',
              '# 3. Run the query (\\u25b6 or Ctrl-Enter).',
              '{',
              '  me { email role }',
              '  tenant { name plan }',
              '}',
              ''
            ].join('\\n');
            const root = document.getElementById('graphiql');
            if (typeof GraphiQL === 'undefined') {
              root.textContent = 'GraphiQL could not be loaded from cdn.jsdelivr.net: the browser is offline, the CDN'
                + ' is blocked, or a file failed its integrity check (the browser console says which).';
            } else {
              ReactDOM.createRoot(root).render(React.createElement(GraphiQL, {
                fetcher: GraphiQL.createFetcher({
                  url: new URL('graphql', window.location.href).href,
                  enableIncrementalDelivery: false
                }),
                defaultQuery: starter,
                defaultHeaders: JSON.stringify({ Authorization: %s }, null, 2),
                defaultEditorToolsVisibility: 'headers',
                shouldPersistHeaders: false,
                storage: window.sessionStorage
              }));
            }
            """.formatted(jsString(AUTHORIZATION_PLACEHOLDER));

    private static final String HTML = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>TenantGraph GraphiQL</title>
              <link rel="stylesheet" href="%s" integrity="%s" crossorigin="anonymous">
              <style nonce="{{nonce}}">html, body, #graphiql { height: 100%%; margin: 0; }</style>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL&hellip;</div>
            %s  <script nonce="{{nonce}}">
            %s  </script>
            </body>
            </html>
            """.formatted(STYLESHEET.url(), STYLESHEET.integrity(), scriptTags(), BOOTSTRAP.indent(2));

    /**
     * Draws the nonces. The platform default on Linux (NativePRNG) mixes /dev/urandom into every draw, so an instance
     * captured in a SnapStart snapshot does not repeat nonces across the environments restored from it.
     */
    private final SecureRandom random = new SecureRandom();

    /** True for the one request this page answers: GET on its API resource. */
    static boolean answers(String httpMethod, String resource) {
        return RESOURCE.equals(resource) && "GET".equalsIgnoreCase(httpMethod);
    }

    /** The page, with a fresh nonce, and one request log line like every other request's. */
    HttpResult serve(String requestId) {
        long started = System.nanoTime();
        String nonce = nonce();
        HttpResult result = new HttpResult(200, headers(nonce), HTML.replace("{{nonce}}", nonce));
        RequestLogFields log = new RequestLogFields(requestId);
        log.operation = "(graphiql page)";
        log.status = result.status();
        log.write(LOG, (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /**
     * Scripts: the three pinned files and the nonce'd bootstrap only (no 'self', no eval). Styles: the pinned
     * stylesheet and nonce'd style elements. Fonts and images: the data: URLs inside GraphiQL's stylesheet. Requests:
     * this origin only. No framing, no base URL, no form targets.
     */
    static String contentSecurityPolicy(String nonce) {
        String scripts = SCRIPTS.stream().map(Asset::url).collect(Collectors.joining(" "));
        return String.join("; ",
                "default-src 'none'",
                "script-src 'nonce-" + nonce + "' " + scripts,
                "style-src 'nonce-" + nonce + "' " + STYLESHEET.url(),
                "font-src data:",
                "img-src data:",
                "connect-src 'self'",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'");
    }

    private static Map<String, String> headers(String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Security-Policy", contentSecurityPolicy(nonce));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        // a nonce is good for one response only: no cache may hand this page out again
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    private String nonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String scriptTags() {
        return SCRIPTS.stream()
                .map(asset -> "  <script src=\"" + asset.url() + "\" integrity=\"" + asset.integrity()
                        + "\" crossorigin=\"anonymous\"></script>\n")
                .collect(Collectors.joining());
    }

    /** A JavaScript string literal for text without quotes, backslashes or line breaks (checked). */
    private static String jsString(String text) {
        if (text.chars().anyMatch(c -> c == '\'' || c == '\\' || c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("not a plain JavaScript string: " + text);
        }
        return "'" + text + "'";
    }
}
