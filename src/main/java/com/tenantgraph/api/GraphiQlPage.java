package com.tenantgraph.api;

import com.tenantgraph.json.Json;
import com.tenantgraph.json.MalformedJsonException;
import com.tenantgraph.data.Sha256;
import com.tenantgraph.pipeline.Headers;
import com.tenantgraph.pipeline.HttpResult;
import com.tenantgraph.pipeline.RequestLogFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphiQL page that {@code GET /graphiql} answers: public (API Gateway calls no authorizer for it), and it reads
 * nothing, so it needs neither a token nor DynamoDB. The page signs in through Cognito itself (the explorer app client
 * named in its config) and sends every query to {@code /graphql}, which is authorized like any other request.
 *
 * <p>The page is built at {@code mvn package} from npm packages pinned by a lockfile ({@code web/graphiql}) into
 * {@code graphiql/graphiql.html} on the classpath, one self-contained file with a JSON config block to fill in, and
 * {@code graphiql/graphiql.json}, its manifest (the placeholder, the hash of its one inline script, the hash of its
 * inputs). The rules for serving it are those of {@code web/graphiql/serve-rules.mjs}, which the page's own tests and
 * {@code check.mjs --served} hold a served page to:
 * <ul>
 *   <li>At init (cheap): the manifest, the config block, the Content-Security-Policy and the ETag.</li>
 *   <li>On the first request of a container (or in SnapStart's {@code beforeCheckpoint}): the page, its config filled
 *       in, gzip-compressed and base64-encoded once (6.6 MB become 1.9 MB, 2.5 MB in base64), kept for the container's
 *       life. Doing it at init would cost every cold start, including those that never serve the page.</li>
 *   <li>Always gzip: the uncompressed page does not fit Lambda's 6 MB response limit, and every browser accepts gzip.
 *       A client that does not gets 406. {@code If-None-Match} with the ETag gets 304 without loading anything.</li>
 * </ul>
 * The CSP allows the page's one inline script by hash, Monaco's workers from {@code blob:}, fonts and images from
 * {@code data:}, and requests only to this origin (the relative {@code graphql}, which keeps a stage prefix) and the
 * absolute endpoints of the config (Cognito; the WebSocket URL once subscriptions exist).
 */
final class GraphiQlPage {
    /** The API resource of the page (the route in template.yaml and in the local API Gateway). */
    static final String RESOURCE = "/graphiql";
    static final String MANIFEST = "graphiql/graphiql.json";

    private static final Logger LOG = LoggerFactory.getLogger("tenantgraph.request");

    private final String pageResource;
    private final String placeholder;
    private final String configBlock;
    private final String etag;
    private final Map<String, String> commonHeaders;
    private volatile String gzipBase64;

    GraphiQlPage(BrowserConfig config) {
        Map<String, Object> manifest = manifest();
        this.pageResource = "graphiql/" + manifest.get("page");
        this.placeholder = (String) manifest.get("configPlaceholder");
        this.configBlock = configBlock(config);
        this.etag = etag((String) manifest.get("inputsSha256"), configBlock);
        @SuppressWarnings("unchecked")
        List<String> scriptHashes = (List<String>) manifest.get("scriptHashes");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(scriptHashes, config));
        headers.put("ETag", etag);
        headers.put("Cache-Control", "no-cache");
        headers.put("Vary", "Accept-Encoding");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        this.commonHeaders = Map.copyOf(headers);
    }

    /** True for the one request this page answers: GET on its API resource. */
    static boolean answers(String httpMethod, String resource) {
        return RESOURCE.equals(resource) && "GET".equalsIgnoreCase(httpMethod);
    }

    /** The page (200), a revalidation (304) or a refusal for a client without gzip (406); one request log line. */
    HttpResult serve(String requestId, Headers request) {
        long started = System.nanoTime();
        HttpResult result = respond(request);
        RequestLogFields log = new RequestLogFields(requestId);
        log.operation = "(graphiql page)";
        log.status = result.status();
        log.write(LOG, (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    private HttpResult respond(Headers request) {
        Map<String, String> headers = new LinkedHashMap<>(commonHeaders);
        if (matches(request.get("If-None-Match"), etag)) {
            return new HttpResult(304, headers, "", false);
        }
        if (!acceptsGzip(request.get("Accept-Encoding"))) {
            headers.put("Content-Type", "text/plain; charset=utf-8");
            return new HttpResult(406, headers, "this page is sent gzip-compressed only: send Accept-Encoding: gzip\n",
                    false);
        }
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Content-Encoding", "gzip");
        return new HttpResult(200, headers, gzipBase64(), true);
    }

    /** The compressed page, made once per container (SnapStart priming calls this before the snapshot). */
    String gzipBase64() {
        String page = gzipBase64;
        if (page == null) {
            synchronized (this) {
                page = gzipBase64;
                if (page == null) {
                    page = Base64.getEncoder().encodeToString(gzip(filledIn()));
                    gzipBase64 = page;
                }
            }
        }
        return page;
    }

    private byte[] filledIn() {
        String html = new String(read(pageResource), StandardCharsets.UTF_8);
        int at = html.indexOf(placeholder);
        if (at < 0 || html.indexOf(placeholder, at + placeholder.length()) >= 0) {
            throw new IllegalStateException(pageResource + " must hold the placeholder " + placeholder + " once");
        }
        return (html.substring(0, at) + configBlock + html.substring(at + placeholder.length()))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The config as JSON, made safe inside {@code <script type="application/json">}: {@code <}, {@code >} and
     * {@code &} as Unicode escapes (no {@code </script>} or {@code <!--} can end or bend the element), U+2028 and
     * U+2029 too ({@link Json#escape} writes those two so everywhere). JSON.parse reads it back unchanged.
     */
    static String configBlock(BrowserConfig config) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("graphqlUrl", "graphql");
        json.put("graphqlWsUrl", config.graphqlWsUrl());
        if (config.explorerClientId() == null) {
            json.put("cognito", null);
        } else {
            Map<String, Object> cognito = new LinkedHashMap<>();
            cognito.put("region", config.region());
            cognito.put("endpoint", config.cognitoEndpoint().toString());
            cognito.put("clientId", config.explorerClientId());
            json.put("cognito", cognito);
        }
        return Json.write(json).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** Scripts by hash only; connections to this origin and the absolute endpoints of the config. */
    static String contentSecurityPolicy(List<String> scriptHashes, BrowserConfig config) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        if (config.graphqlWsUrl() != null) {
            connect.add(origin(config.graphqlWsUrl()));
        }
        if (config.explorerClientId() != null) {
            connect.add(origin(config.cognitoEndpoint().toString()));
        }
        return String.join("; ",
                "default-src 'none'",
                "script-src " + String.join(" ", scriptHashes),
                "style-src 'unsafe-inline'",
                "worker-src blob:",
                "img-src data:",
                "font-src data:",
                "connect-src " + String.join(" ", connect),
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'");
    }

    /** {@code scheme://host[:port]}, as the browser's {@code new URL(u).origin} (default ports left out). */
    static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Changes with the build (the hash of the page's inputs) or the config; known without loading the page. */
    static String etag(String inputsSha256, String configBlock) {
        byte[] digest = Sha256.bytes(inputsSha256 + "\n" + configBlock);
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
    }

    /** {@code If-None-Match}: a list of entity tags (weak ones compare equal, as RFC 9110 says for GET), or *. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Accept-Encoding} names gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if ((name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) && !zeroQuality(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Object> manifest() {
        try {
            return Json.parseObject(new String(read(MANIFEST), StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new IllegalStateException(MANIFEST + " is not a JSON object", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = GraphiQlPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: the build (web/graphiql) did"
                        + " not run");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) { // the default level, 6
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
