package com.tenantgraph.pipeline;

import java.util.Map;

/**
 * Bounds on what one request may ask for: size, depth, cost and aliases. Read from the environment with safe
 * defaults; every limit breached is BAD_USER_INPUT naming the limit.
 */
public record QueryLimits(int maxQueryChars, int maxTokens, int maxDepth, int maxComplexity, int maxAliases,
                          int maxBodyBytes) {

    public static QueryLimits defaults() {
        // depth 15: three nested Relay connections (edges, node) and a to-one field, with room to spare
        return new QueryLimits(16_384, 4_000, 15, 500, 30, 65_536);
    }

    public static QueryLimits fromEnvironment(Map<String, String> env) {
        QueryLimits d = defaults();
        return new QueryLimits(
                intOr(env, "MAX_QUERY_CHARS", d.maxQueryChars),
                intOr(env, "MAX_QUERY_TOKENS", d.maxTokens),
                intOr(env, "MAX_QUERY_DEPTH", d.maxDepth),
                intOr(env, "MAX_QUERY_COMPLEXITY", d.maxComplexity),
                intOr(env, "MAX_QUERY_ALIASES", d.maxAliases),
                intOr(env, "MAX_BODY_BYTES", d.maxBodyBytes));
    }

    private static int intOr(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed <= 0) {
                throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer, got " + value, e);
        }
    }
}
