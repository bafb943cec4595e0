package com.tenantgraph.subscriptions;

import com.tenantgraph.pipeline.QueryLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The WebSocket and fan-out functions' own settings, read once at init (docs/subscriptions.md, "Environment"); the
 * table, region, endpoints and query limits are read as for the GraphQL function. A malformed value fails the init
 * naming its variable.
 *
 * @param managementEndpoint where replies are posted (WEBSOCKET_MANAGEMENT_ENDPOINT)
 * @param initTimeout        how long after {@code $connect} a {@code connection_init} is accepted
 * @param maxSubscriptions   subscriptions one connection may hold at once
 * @param itemTtl            the TTL of the connection and subscription items (API Gateway's 2-hour limit, plus slack)
 * @param maxMessageBytes    the longest message accepted (the HTTP body limit)
 */
public record SubscriptionSettings(URI managementEndpoint, Duration initTimeout, int maxSubscriptions,
                                   Duration itemTtl, int maxMessageBytes) {

    public static SubscriptionSettings defaults(URI managementEndpoint, QueryLimits limits) {
        return new SubscriptionSettings(managementEndpoint, Duration.ofSeconds(10), 20, Duration.ofHours(3),
                limits.maxBodyBytes());
    }

    public static SubscriptionSettings fromEnvironment(Map<String, String> env, QueryLimits limits) {
        String endpoint = env.get("WEBSOCKET_MANAGEMENT_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("WEBSOCKET_MANAGEMENT_ENDPOINT is required");
        }
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WEBSOCKET_MANAGEMENT_ENDPOINT is not a URL: " + endpoint, e);
        }
        return new SubscriptionSettings(uri,
                Duration.ofSeconds(positive(env, "CONNECTION_INIT_TIMEOUT_SECONDS", 10)),
                positive(env, "MAX_SUBSCRIPTIONS_PER_CONNECTION", 20),
                Duration.ofHours(positive(env, "SUBSCRIPTION_TTL_HOURS", 3)),
                limits.maxBodyBytes());
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
    }
}
