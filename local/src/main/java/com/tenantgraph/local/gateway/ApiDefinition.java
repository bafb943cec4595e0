package com.tenantgraph.local.gateway;

import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.template.TemplateNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The REST API as template.yaml declares it, read once when the local gateway starts, so that the gateway and the
 * deployed API are one definition: the stage; the routes (each {@code Api} event of a function on the template's one
 * {@code AWS::Serverless::Api}, plus the OPTIONS method that SAM's {@code Cors} adds to every path); the TOKEN
 * authorizer (its function, identity header, identity validation expression and result TTL) and which routes go
 * through it (the
 * {@code DefaultAuthorizer}, except events with {@code Authorizer: NONE} and, unless
 * {@code AddDefaultAuthorizerToCorsPreflight} says otherwise, the preflight); and the gateway responses.
 *
 * <p>What the local gateway would not reproduce is refused here, naming the place in the template: path parameters,
 * the ANY method, another kind of authorizer, a validation expression without both anchors, non-static header
 * values.
 */
public final class ApiDefinition {
    private static final String API_TYPE = "AWS::Serverless::Api";
    /** SAM's default identity source and API Gateway's default result TTL of a Lambda authorizer. */
    private static final String DEFAULT_IDENTITY_HEADER = "Authorization";
    private static final String DEFAULT_RESULT_TTL_SECONDS = "300";
    private static final Duration MAX_RESULT_TTL = Duration.ofHours(1);

    /** How a route is answered: by a function through the Lambda proxy integration, or by SAM's CORS mock. */
    public sealed interface Integration permits LambdaProxy, CorsPreflight {
    }

    /**
     * @param function the logical id of the function in template.yaml
     * @param timeout  the function's {@code Timeout} (its own, else the Globals', else SAM's default of 3 s): Lambda
     *                 stops the function then, and API Gateway answers the failed invocation with 502
     */
    public record LambdaProxy(String function, Duration timeout) implements Integration {
        /** SAM's default function timeout. */
        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

        public LambdaProxy {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(function + ": Timeout must be positive: " + timeout);
            }
        }
    }

    /** @param headers the preflight answer's CORS headers, as SAM configures its mock integration */
    public record CorsPreflight(Map<String, String> headers) implements Integration {
    }

    /** One method of the API: an HTTP method on a resource path, its integration, and whether the authorizer runs. */
    public record Route(String httpMethod, String resource, Integration integration, boolean authorized) {
    }

    /**
     * The TOKEN authorizer: the function (logical id), the request header that holds the token, the regular
     * expression its whole value must match before the function is called (none when the template sets no
     * {@code ValidationExpression}), and how long API Gateway caches its policy for one token (0 to 3600 s; 0 disables
     * the cache).
     */
    public record TokenAuthorizer(String function, String identityHeader, Optional<Pattern> identityValidation,
                                  Duration resultTtl) {
        /** Whether API Gateway would call the authorizer with this header value (no expression: any value). */
        public boolean admits(String identity) {
            return identityValidation.map(pattern -> pattern.matcher(identity).matches()).orElse(true);
        }
    }

    /** {@code BinaryMediaTypes: ['*~1*']}: every type is binary (the only non-empty setting reproduced). */
    private static final String EVERY_TYPE = "*~1*";

    private final String stage;
    private final List<Route> routes;
    private final TokenAuthorizer authorizer;
    private final GatewayResponses gatewayResponses;
    private final boolean binaryBodies;

    private ApiDefinition(String stage, List<Route> routes, TokenAuthorizer authorizer,
                          GatewayResponses gatewayResponses, boolean binaryBodies) {
        this.stage = stage;
        this.routes = routes;
        this.authorizer = authorizer;
        this.gatewayResponses = gatewayResponses;
        this.binaryBodies = binaryBodies;
    }

    /** Reads the template's one {@code AWS::Serverless::Api} and the functions' events on it. */
    public static ApiDefinition fromTemplate(SamTemplate template) {
        Map<String, TemplateNode> apis = template.resourcesOfType(API_TYPE);
        if (apis.size() != 1) {
            throw template.root().get("Resources").problem("must declare exactly one " + API_TYPE
                    + " for the local API Gateway, not " + apis.size());
        }
        String api = apis.keySet().iterator().next();
        TemplateNode auth = template.property(api, "Auth");
        String defaultAuthorizer = auth.get("DefaultAuthorizer").textOr(null);
        TokenAuthorizer authorizer = defaultAuthorizer == null ? null
                : tokenAuthorizer(template, auth.require("Authorizers").require(defaultAuthorizer));

        List<Route> routes = functionRoutes(template, api, defaultAuthorizer);
        routes.addAll(preflightRoutes(template, template.property(api, "Cors"), routes, defaultAuthorizer != null
                && Boolean.parseBoolean(auth.get("AddDefaultAuthorizerToCorsPreflight").textOr("true"))));
        return new ApiDefinition(template.value(template.property(api, "StageName")),
                Collections.unmodifiableList(routes), authorizer,
                GatewayResponses.fromTemplate(template, template.property(api, "GatewayResponses")),
                binaryBodies(template.property(api, "BinaryMediaTypes")));
    }

    /**
     * API Gateway hands a request body to the function base64-encoded ({@code isBase64Encoded: true}) when its
     * Content-Type is one of the API's binary media types. This template declares every type binary (so that the
     * GraphiQL page's gzip body is decoded for a browser), or none; any other list is refused rather than half
     * reproduced.
     */
    private static boolean binaryBodies(TemplateNode binaryMediaTypes) {
        if (!binaryMediaTypes.isPresent()) {
            return false;
        }
        List<TemplateNode> types = binaryMediaTypes.items();
        if (types.size() != 1 || !EVERY_TYPE.equals(types.get(0).text())) {
            throw binaryMediaTypes.problem("must be ['" + EVERY_TYPE + "'] (every type) or absent: the local API"
                    + " Gateway reproduces no other list");
        }
        return true;
    }

    /** True when every request body reaches the function base64-encoded (BinaryMediaTypes: every type). */
    public boolean binaryBodies() {
        return binaryBodies;
    }

    public String stage() {
        return stage;
    }

    public List<Route> routes() {
        return routes;
    }

    /** The authorizer of the routes that have one; empty when no route does. */
    public Optional<TokenAuthorizer> authorizer() {
        return Optional.ofNullable(authorizer);
    }

    GatewayResponses gatewayResponses() {
        return gatewayResponses;
    }

    /**
     * A static value of a response parameter, written as API Gateway wants it: in single quotes ({@code "'*'"}). A
     * mapping expression ({@code method.request.header.X}) is not reproduced.
     */
    static String staticValue(SamTemplate template, TemplateNode node) {
        String text = template.value(node);
        if (text.length() < 2 || !text.startsWith("'") || !text.endsWith("'")) {
            throw node.problem("must be a static value in single quotes, such as \"'*'\"; the local API Gateway"
                    + " does not evaluate mapping expressions");
        }
        return text.substring(1, text.length() - 1);
    }

    private static TokenAuthorizer tokenAuthorizer(SamTemplate template, TemplateNode authorizer) {
        String payloadType = authorizer.get("FunctionPayloadType").textOr("TOKEN");
        if (!payloadType.equals("TOKEN")) {
            throw authorizer.get("FunctionPayloadType").problem("is " + payloadType
                    + ": the local API Gateway runs TOKEN authorizers only");
        }
        TemplateNode identity = authorizer.get("Identity");
        Optional<Pattern> identityValidation = identity.get("ValidationExpression").isPresent()
                ? Optional.of(validationExpression(template, identity.get("ValidationExpression")))
                : Optional.empty();
        TemplateNode ttl = identity.get("ReauthorizeEvery");
        String seconds = ttl.isPresent() ? template.value(ttl) : DEFAULT_RESULT_TTL_SECONDS;
        if (!seconds.matches("\\d{1,4}") || Duration.ofSeconds(Long.parseLong(seconds)).compareTo(MAX_RESULT_TTL) > 0) {
            throw ttl.problem("must be a whole number of seconds from 0 to 3600 (API Gateway's range), not " + seconds);
        }
        Duration resultTtl = Duration.ofSeconds(Long.parseLong(seconds));
        return new TokenAuthorizer(template.referencedResource(authorizer.require("FunctionArn")),
                identity.get("Header").textOr(DEFAULT_IDENTITY_HEADER), identityValidation, resultTtl);
    }

    /**
     * The identity validation expression, which must be anchored at both ends ({@code ^...$}): then matching the
     * whole header value and finding the expression in it agree, so the local gateway admits exactly what API Gateway
     * admits whichever of the two it does.
     */
    private static Pattern validationExpression(SamTemplate template, TemplateNode node) {
        String expression = template.value(node);
        if (!expression.startsWith("^") || !expression.endsWith("$") || expression.endsWith("\\$")) {
            throw node.problem("must be anchored with ^ at the start and $ at the end, not " + expression);
        }
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw node.problem("is not a regular expression: " + e.getDescription());
        }
    }

    /** Every {@code Api} event on this API, of every function. */
    private static List<Route> functionRoutes(SamTemplate template, String api, String defaultAuthorizer) {
        List<Route> routes = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(function ->
                template.property(function, "Events").entries().values().forEach(event -> {
                    if (!event.require("Type").text().equals("Api")) {
                        return;
                    }
                    Route route = route(template, api, function, event.require("Properties"), defaultAuthorizer);
                    if (routes.stream().anyMatch(other -> other.httpMethod().equals(route.httpMethod())
                            && other.resource().equals(route.resource()))) {
                        throw event.problem("declares " + route.httpMethod() + " " + route.resource() + " again");
                    }
                    routes.add(route);
                }));
        return routes;
    }

    private static Route route(SamTemplate template, String api, String function, TemplateNode event,
                               String defaultAuthorizer) {
        TemplateNode restApi = event.require("RestApiId");
        if (!template.referencedResource(restApi).equals(api)) {
            throw restApi.problem("must name " + api + ", the API the local API Gateway serves");
        }
        String path = event.require("Path").text();
        if (!path.matches("(/[\\w.~-]+)+")) {
            throw event.get("Path").problem("is " + path + ": the local API Gateway serves plain paths only (no path"
                    + " parameters, no trailing slash)");
        }
        String method = event.require("Method").text().toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD").contains(method)) {
            throw event.get("Method").problem("is " + method + ": the local API Gateway serves GET, POST, PUT, PATCH,"
                    + " DELETE and HEAD methods");
        }
        TemplateNode authorizer = event.get("Auth").get("Authorizer");
        String name = authorizer.textOr(defaultAuthorizer);
        if (name != null && !name.equals("NONE") && !name.equals(defaultAuthorizer)) {
            throw authorizer.problem("is " + name + ": the local API Gateway runs the DefaultAuthorizer only");
        }
        TemplateNode timeout = template.property(function, "Timeout");
        Duration functionTimeout = timeout.isPresent()
                ? Duration.ofSeconds(Long.parseLong(template.value(timeout))) : LambdaProxy.DEFAULT_TIMEOUT;
        return new Route(method, path, new LambdaProxy(function, functionTimeout),
                name != null && !name.equals("NONE"));
    }

    /**
     * SAM's {@code Cors}: an OPTIONS mock integration on every path of the API, answering with the CORS headers. The
     * short form (a string) is the allowed origin alone.
     */
    private static List<Route> preflightRoutes(SamTemplate template, TemplateNode cors, List<Route> routes, boolean authorized) {
        if (!cors.isPresent()) {
            return List.of();
        }
        boolean originOnly = cors.value() instanceof String;
        TemplateNode settings = originOnly ? new TemplateNode(cors.source(), cors.path(), null) : cors;
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        routes.forEach(route -> methodsByPath.computeIfAbsent(route.resource(), path -> new TreeSet<>())
                .add(route.httpMethod()));
        List<Route> preflights = new ArrayList<>();
        methodsByPath.forEach((path, methods) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Access-Control-Allow-Origin", staticValue(template, originOnly ? cors : cors.require("AllowOrigin")));
            if (settings.get("AllowHeaders").isPresent()) {
                headers.put("Access-Control-Allow-Headers", staticValue(template, settings.get("AllowHeaders")));
            }
            // without AllowMethods, SAM lists the path's own methods and OPTIONS, sorted
            methods.add("OPTIONS");
            headers.put("Access-Control-Allow-Methods", settings.get("AllowMethods").isPresent()
                    ? staticValue(template, settings.get("AllowMethods")) : String.join(",", methods));
            if (settings.get("MaxAge").isPresent()) {
                headers.put("Access-Control-Max-Age", staticValue(template, settings.get("MaxAge")));
            }
            if (Boolean.parseBoolean(settings.get("AllowCredentials").textOr("false"))) {
                headers.put("Access-Control-Allow-Credentials", "true");
            }
            preflights.add(new Route("OPTIONS", path, new CorsPreflight(Collections.unmodifiableMap(headers)),
                    authorized));
        });
        return preflights;
    }
}
