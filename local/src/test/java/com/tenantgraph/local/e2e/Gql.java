package com.tenantgraph.local.e2e;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.seed.DemoData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** GraphQL with variables through the local API Gateway, as a signed-in demo user, with small JSON helpers. */
final class Gql {
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private final ApiClient api;
    private final String token;

    private Gql(ApiClient api, String token) {
        this.api = api;
        this.token = token;
    }

    static Gql as(LocalStack stack, String username) {
        ApiClient api = new ApiClient(stack);
        String token = TOKENS.computeIfAbsent(stack.output("userPoolId") + "/" + username,
                key -> api.idToken(username, DemoData.PASSWORD));
        return new Gql(api, token);
    }

    ApiClient.Response run(String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return api.post(Map.of("Authorization", "Bearer " + token), json(body));
    }

    /** A request body sent as given (for JSON a serializer would not write, such as escaped lone surrogates). */
    ApiClient.Response runRaw(String body) {
        return api.post(Map.of("Authorization", "Bearer " + token), body);
    }

    /** JSON with null values kept: an explicit null in an input means "clear". */
    static String json(Object value) {
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.with(com.fasterxml.jackson.jr.ob.JSON.Feature.WRITE_NULL_PROPERTIES)
                    .asString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    ApiClient.Response run(String query) {
        return run(query, Map.of());
    }

    /** The data of a response that must have no errors. */
    Map<String, Object> ok(String query, Map<String, Object> variables) {
        ApiClient.Response response = run(query, variables);
        if (response.body().containsKey("errors") || response.status() != 200) {
            throw new AssertionError("unexpected errors: " + response.body());
        }
        return map(response.body().get("data"));
    }

    Map<String, Object> ok(String query) {
        return ok(query, Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** Follows a path of field names through nested maps. */
    static Object at(Map<String, Object> data, String... path) {
        Object current = data;
        for (String field : path) {
            current = map(current).get(field);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstError(ApiClient.Response response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().get("errors");
        return errors == null || errors.isEmpty() ? null : errors.get(0);
    }

    static Map<String, Object> extensions(ApiClient.Response response) {
        Map<String, Object> error = firstError(response);
        return error == null ? Map.of() : map(error.get("extensions"));
    }
}
