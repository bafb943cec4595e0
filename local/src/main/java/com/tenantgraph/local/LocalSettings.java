package com.tenantgraph.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Ports and folders of the local stack. ./dev up reads them from the environment (every port can be changed); tests
 * use {@link #ephemeral(Path)}, with ports the OS picks, so several stacks and a running ./dev up never collide.
 */
public record LocalSettings(int apiPort, int lambdaPort, int cognitoPort, int dynamoDbPort, Path stateDir,
                            String region, String tableName, Duration authorizerCacheTtl) {

    public static final String API_PORT = "TG_API_PORT";
    public static final String LAMBDA_PORT = "TG_LAMBDA_PORT";
    public static final String COGNITO_PORT = "TG_COGNITO_PORT";
    public static final String DYNAMODB_PORT = "TG_DYNAMODB_PORT";
    public static final String STATE_DIR = "TG_STATE_DIR";
    public static final String AUTHORIZER_CACHE_TTL = "TG_AUTHORIZER_CACHE_TTL_SECONDS";

    public static LocalSettings fromEnvironment(Map<String, String> env, Path repoRoot) {
        return new LocalSettings(
                port(env, API_PORT, 3000),
                port(env, LAMBDA_PORT, 3001),
                port(env, COGNITO_PORT, 9229),
                port(env, DYNAMODB_PORT, 8000),
                Path.of(env.getOrDefault(STATE_DIR, repoRoot.resolve(".local").toString())).toAbsolutePath(),
                "us-east-1",
                "tenantgraph-local",
                Duration.ofSeconds(number(env, AUTHORIZER_CACHE_TTL, 300, 0, 3600)));
    }

    /** Ports 0: each component binds a port the OS picks. */
    public static LocalSettings ephemeral(Path stateDir) {
        return new LocalSettings(0, 0, 0, 0, stateDir, "us-east-1", "tenantgraph-test", Duration.ofSeconds(300));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, 1, 65535);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got "
                        + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value, e);
        }
    }
}
