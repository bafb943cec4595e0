package com.tenantgraph.api;

import com.tenantgraph.pipeline.QueryLimits;
import java.util.Map;

/**
 * The GraphQL Lambda's configuration, read once at init from the environment (template.yaml sets it; the local stack
 * passes the same names). A missing or malformed value fails the init with a message naming the variable. The AWS
 * settings (region, local endpoints) are read by the client factory, {@code data/AwsClients}.
 */
public record AppConfig(String tableName, boolean introspectionEnabled, QueryLimits limits) {

    public static AppConfig fromEnvironment(Map<String, String> env) {
        String table = env.get("TABLE_NAME");
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("TABLE_NAME is required");
        }
        return new AppConfig(table, !"false".equalsIgnoreCase(env.getOrDefault("INTROSPECTION_ENABLED", "true")),
                QueryLimits.fromEnvironment(env));
    }
}
