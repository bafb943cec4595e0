package com.tenantgraph.local.gateway;

import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.local.template.TemplateNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's own refusals, as the API's {@code GatewayResponses} in template.yaml configure them, resolved once at
 * start for every refusal the local gateway produces: the type's own response if the template configures one, else
 * DEFAULT_4XX or DEFAULT_5XX by the type's default status, as API Gateway falls back. The status is the one the
 * chosen response sets, else the type's default (so the DEFAULTs, which set none, keep each refusal's own status).
 * The headers are static values; the body is the one response template, in which {@code $context.requestId} becomes
 * the request's id.
 */
final class GatewayResponses {
    /** The one mapping variable the local gateway substitutes in a response template. */
    static final String REQUEST_ID_VARIABLE = "$context.requestId";
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{[^}]*}|[A-Za-z][\\w.]*)");

    /** The gateway response types API Gateway lets an API configure; any other name is a mistake. */
    private static final Set<String> CONFIGURABLE = Set.of("ACCESS_DENIED", "API_CONFIGURATION_ERROR",
            "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY",
            "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT",
            "INVALID_API_KEY", "INVALID_SIGNATURE", "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED",
            "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED", "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE",
            "WAF_FILTERED");

    /** The gateway response types the local gateway produces, with API Gateway's default status of each. */
    enum ResponseType {
        UNAUTHORIZED(401),
        ACCESS_DENIED(403),
        MISSING_AUTHENTICATION_TOKEN(403),
        REQUEST_TOO_LARGE(413),
        /** The local gateway itself failed: API Gateway's type for a problem on its side. */
        API_CONFIGURATION_ERROR(500),
        AUTHORIZER_CONFIGURATION_ERROR(500),
        AUTHORIZER_FAILURE(500),
        INTEGRATION_FAILURE(504),
        INTEGRATION_TIMEOUT(504);

        private final int defaultStatus;

        ResponseType(int defaultStatus) {
            this.defaultStatus = defaultStatus;
        }

        /** The DEFAULT type that stands in for this one when the API does not configure it. */
        String fallback() {
            return defaultStatus < 500 ? "DEFAULT_4XX" : "DEFAULT_5XX";
        }
    }

    /** One refusal as it is sent: status, headers (Content-Type included) and the body with the variable in it. */
    private record Response(int status, Map<String, String> headers, String bodyTemplate) {
    }

    private final Map<ResponseType, Response> responses;

    private GatewayResponses(Map<ResponseType, Response> responses) {
        this.responses = responses;
    }

    /** Resolves every {@link ResponseType} from the API's {@code GatewayResponses} property. */
    static GatewayResponses fromTemplate(SamTemplate template, TemplateNode configured) {
        configured.entries().keySet().forEach(type -> {
            if (!CONFIGURABLE.contains(type)) {
                throw configured.get(type).problem("is not a gateway response type of API Gateway");
            }
        });
        Map<ResponseType, Response> responses = new EnumMap<>(ResponseType.class);
        for (ResponseType type : ResponseType.values()) {
            TemplateNode own = configured.get(type.name());
            TemplateNode chosen = own.isPresent() ? own : configured.get(type.fallback());
            if (!chosen.isPresent()) {
                throw configured.problem("must configure " + type.fallback() + " (or " + type.name() + "): every"
                        + " refusal of this API is a GraphQL error document, and the local API Gateway answers "
                        + type.name() + " with it");
            }
            responses.put(type, response(template, chosen, type.defaultStatus));
        }
        return new GatewayResponses(Collections.unmodifiableMap(responses));
    }

    /** The HTTP response of a refusal of this type, for the request with this id. */
    GatewayHttpResponse refusal(ResponseType type, String requestId) {
        Response response = responses.get(type);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        byte[] body = response.bodyTemplate().replace(REQUEST_ID_VARIABLE, requestId).getBytes(StandardCharsets.UTF_8);
        return new GatewayHttpResponse(response.status(), headers, body);
    }

    private static Response response(SamTemplate template, TemplateNode configured, int defaultStatus) {
        TemplateNode statusCode = configured.get("StatusCode");
        int status = statusCode.isPresent() ? statusCode(template, statusCode) : defaultStatus;

        Map<String, TemplateNode> templates = configured.get("ResponseTemplates").entries();
        if (templates.size() != 1) {
            throw configured.get("ResponseTemplates").problem("must hold exactly one response template (content type"
                    + " and body): the local API Gateway answers every client with the same one");
        }
        Map.Entry<String, TemplateNode> body = templates.entrySet().iterator().next();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", body.getKey());
        TemplateNode parameters = configured.get("ResponseParameters");
        parameters.entries().keySet().forEach(section -> {
            if (!section.equals("Headers")) {
                throw parameters.get(section).problem("is not reproduced by the local API Gateway (only Headers is)");
            }
        });
        parameters.get("Headers").entries()
                .forEach((name, value) -> headers.put(name, ApiDefinition.staticValue(template, value)));
        return new Response(status, Collections.unmodifiableMap(headers), bodyTemplate(template, body.getValue()));
    }

    private static int statusCode(SamTemplate template, TemplateNode node) {
        String text = template.value(node);
        if (!text.matches("[1-5]\\d\\d")) {
            throw node.problem("must be an HTTP status code, not " + text);
        }
        return Integer.parseInt(text);
    }

    /** The response template, whose only mapping variable may be {@link #REQUEST_ID_VARIABLE}. */
    private static String bodyTemplate(SamTemplate template, TemplateNode node) {
        String body = template.value(node);
        Matcher variables = VARIABLE.matcher(body);
        while (variables.find()) {
            if (!variables.group().equals(REQUEST_ID_VARIABLE)) {
                throw node.problem("uses " + variables.group() + ": the local API Gateway substitutes only "
                        + REQUEST_ID_VARIABLE);
            }
        }
        return body;
    }
}
