package com.tenantgraph.local.websocket;

import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.template.TemplateNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket API as template.yaml declares it, read when the local stack starts so that the local gateway and the
 * deployed API are one definition: the {@code AWS::ApiGatewayV2::Api} whose {@code ProtocolType} is
 * {@code WEBSOCKET}, its route selection expression, its {@code AWS::ApiGatewayV2::Route}s, each with the function
 * its {@code AWS_PROXY} {@code AWS::ApiGatewayV2::Integration} invokes, and the stage name of its
 * {@code AWS::ApiGatewayV2::Stage}.
 *
 * <p>What the local gateway would not reproduce is refused here, naming the place in the template: another
 * integration type, a route selection expression other than {@code $request.body.<field>} or {@code $default}, a
 * route with an authorizer.
 *
 * @param routes the function (logical id) behind each route key, such as {@code $connect} → {@code WebSocketFunction}
 */
public record WebSocketApiDefinition(String stage, String routeSelectionExpression, Map<String, String> routes) {
    private static final Pattern BODY_FIELD = Pattern.compile("\\$request\\.body\\.([A-Za-z0-9_.]+)");
    private static final Pattern INTEGRATION_TARGET = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}");
    private static final Pattern FUNCTION_IN_URI = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}");

    public WebSocketApiDefinition {
        if (!routeSelectionExpression.equals("$default") && !BODY_FIELD.matcher(routeSelectionExpression).matches()) {
            throw new IllegalArgumentException("the route selection expression must be $request.body.<field> or"
                    + " $default, not " + routeSelectionExpression);
        }
        routes = Map.copyOf(routes);
    }

    /** The template's WebSocket API; empty when it declares none. */
    public static Optional<WebSocketApiDefinition> fromTemplate(SamTemplate template) {
        Map<String, TemplateNode> apis = new LinkedHashMap<>();
        template.resourcesOfType("AWS::ApiGatewayV2::Api").forEach((id, api) -> {
            if ("WEBSOCKET".equals(api.get("Properties").get("ProtocolType").textOr(""))) {
                apis.put(id, api);
            }
        });
        if (apis.isEmpty()) {
            return Optional.empty();
        }
        if (apis.size() > 1) {
            throw template.root().get("Resources").problem("declares " + apis.size() + " WebSocket APIs; the local"
                    + " stack serves one");
        }
        String apiId = apis.keySet().iterator().next();
        String expression = template.value(template.property(apiId, "RouteSelectionExpression"));
        Map<String, String> routes = new LinkedHashMap<>();
        template.resourcesOfType("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
            if (apiId.equals(template.referencedResource(template.property(id, "ApiId")))) {
                TemplateNode authorization = template.property(id, "AuthorizationType");
                if (authorization.isPresent() && !"NONE".equals(authorization.text())) {
                    throw authorization.problem("is " + authorization.text() + ": the local WebSocket gateway"
                            + " reproduces routes without an authorizer only");
                }
                routes.put(template.value(template.property(id, "RouteKey")),
                        integratedFunction(template, integrationOf(template, template.property(id, "Target"))));
            }
        });
        return Optional.of(new WebSocketApiDefinition(stageOf(template, apiId), expression, routes));
    }

    /** The route a message goes to: the value of the body field the expression names when a route has that key. */
    public String routeFor(Object body) {
        Matcher field = BODY_FIELD.matcher(routeSelectionExpression);
        if (field.matches() && body instanceof Map<?, ?> map) {
            Object value = map;
            for (String part : field.group(1).split("\\.")) {
                value = value instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (value instanceof String key && !key.startsWith("$") && routes.containsKey(key)) {
                return key;
            }
        }
        return "$default";
    }

    private static String stageOf(SamTemplate template, String apiId) {
        for (var stage : template.resourcesOfType("AWS::ApiGatewayV2::Stage").entrySet()) {
            if (apiId.equals(template.referencedResource(template.property(stage.getKey(), "ApiId")))) {
                return template.value(template.property(stage.getKey(), "StageName"));
            }
        }
        throw template.root().get("Resources").get(apiId).problem("has no AWS::ApiGatewayV2::Stage");
    }

    /** {@code !Sub integrations/${X}}, {@code !Join ['/', [integrations, !Ref X]]} or a plain {@code integrations/X}. */
    private static String integrationOf(SamTemplate template, TemplateNode target) {
        var function = target.intrinsic();
        if (function.isEmpty()) {
            return target.text().replaceFirst("^integrations/", "");
        }
        if (function.get().getKey().equals("Fn::Sub") && function.get().getValue().value() instanceof String text) {
            Matcher matcher = INTEGRATION_TARGET.matcher(text);
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        if (function.get().getKey().equals("Fn::Join")) {
            var parts = function.get().getValue().items().get(1).items();
            return template.referencedResource(parts.get(parts.size() - 1));
        }
        throw target.problem("must be integrations/<integration>, as !Sub integrations/${Integration} or !Join");
    }

    private static String integratedFunction(SamTemplate template, String integration) {
        TemplateNode type = template.property(integration, "IntegrationType");
        if (!"AWS_PROXY".equals(type.textOr(""))) {
            throw type.problem("must be AWS_PROXY: the local WebSocket gateway invokes Lambda functions only");
        }
        TemplateNode uri = template.property(integration, "IntegrationUri");
        var function = uri.intrinsic();
        if (function.isPresent() && function.get().getKey().equals("Fn::Sub")
                && function.get().getValue().value() instanceof String text) {
            Matcher matcher = FUNCTION_IN_URI.matcher(text);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        if (function.isPresent() && function.get().getKey().equals("Fn::Join")) {
            for (TemplateNode part : function.get().getValue().items().get(1).items()) {
                var reference = part.intrinsic();
                if (reference.isPresent() && !(reference.get().getValue().value() instanceof String name
                        && name.startsWith("AWS::"))) {
                    return template.referencedResource(part);
                }
            }
        }
        throw uri.problem("must name the function: !Sub ...functions/${Function.Arn}/invocations, or a !Join whose"
                + " one resource reference is the function (its Arn or Alias)");
    }
}
