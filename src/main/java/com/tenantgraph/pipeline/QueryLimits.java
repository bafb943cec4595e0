package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import java.util.Map;

/**
 * Bounds on what one request may ask for: size, depth, cost and aliases. Read from the environment with safe
 * defaults; every limit breached is BAD_USER_INPUT naming the limit. The depth and the cost are computed from the
 * document before any resolver runs, in one walk ({@link OperationSize}; the cost with the schema's rule,
 * {@code graphql/QueryCost}: one unit per item, a list weighs its Query plus its page size times one element);
 * {@link #requireShallow} and {@link #requireAffordable} are the one place each is compared with its limit, for every
 * entry that executes a parsed document (requests and subscriptions' events alike).
 */
public record QueryLimits(int maxQueryChars, int maxTokens, int maxDepth, int maxCost, int maxAliases,
                          int maxBodyBytes) {
    /** The {@code extensions.reason} of a query refused for its cost. */
    public static final String COST_REASON = "QUERY_COST";
    /** The {@code extensions.reason} of a query refused for its depth. */
    public static final String DEPTH_REASON = "QUERY_DEPTH";

    public static QueryLimits defaults() {
        // depth 15: three nested Relay connections (edges, node) and a to-one field, with room to spare.
        // cost 1000: a page of 10 projects with 20 tasks each, their assignees and reporters (720) fits; a request
        // under it issues at most about 100 Queries (README, "Query cost").
        return new QueryLimits(16_384, 4_000, 15, 1_000, 30, 65_536);
    }

    /** Refuses, before anything runs, an operation that nests fields deeper than the limit. */
    public void requireShallow(int depth) {
        if (depth > maxDepth) {
            throw new ApiException(ErrorCode.BAD_USER_INPUT, "The query nests fields " + depth + " deep, over the"
                    + " depth limit of " + maxDepth + " (a root field is 1, each field selected inside another one"
                    + " more, a connection's edges and node included); select fewer nested levels, or read the"
                    + " deepest objects in another query by their ids",
                    Map.of("reason", DEPTH_REASON, "depth", depth, "limit", maxDepth), null);
        }
    }

    /** Refuses, before anything runs, an operation whose computed cost is over the budget. */
    public void requireAffordable(int cost) {
        if (cost > maxCost) {
            throw new ApiException(ErrorCode.BAD_USER_INPUT, "The query costs " + cost + ", over the budget of "
                    + maxCost + " (one per object, 10 per list or mutation, each list's elements times its page size"
                    + " `first`); ask for smaller pages or fewer nested lists",
                    Map.of("reason", COST_REASON, "cost", cost, "budget", maxCost), null);
        }
    }

    public static QueryLimits fromEnvironment(Map<String, String> env) {
        QueryLimits d = defaults();
        return new QueryLimits(
                intOr(env, "MAX_QUERY_CHARS", d.maxQueryChars),
                intOr(env, "MAX_QUERY_TOKENS", d.maxTokens),
                intOr(env, "MAX_QUERY_DEPTH", d.maxDepth),
                intOr(env, "MAX_QUERY_COST", d.maxCost),
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
