package com.tenantgraph.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ports and folders of the local stack, and the template it runs with its parameter values. ./dev up reads them from
 * the environment (every port can be changed); tests use {@link #ephemeral(Path, Path)}, with ports the OS picks, so
 * several stacks and a running ./dev up never collide.
 *
 * @param template           the SAM template whose API the local API Gateway serves (the repository's template.yaml)
 * @param templateParameters parameter values, as {@code sam deploy --parameter-overrides} gives them
 */
public record LocalSettings(int apiPort, int lambdaPort, int cognitoPort, int dynamoDbPort, int webSocketPort,
                            int webSocketManagementPort, Path stateDir,
                            String region, String tableName, Path template, Map<String, String> templateParameters) {

    public static final String API_PORT = "TG_API_PORT";
    public static final String LAMBDA_PORT = "TG_LAMBDA_PORT";
    public static final String COGNITO_PORT = "TG_COGNITO_PORT";
    public static final String DYNAMODB_PORT = "TG_DYNAMODB_PORT";
    /** The local WebSocket API ({@code graphqlWsUrl}) and its {@code @connections} Management API. */
    public static final String WS_PORT = "TG_WS_PORT";
    public static final String WS_MANAGEMENT_PORT = "TG_WS_MANAGEMENT_PORT";
    public static final String STATE_DIR = "TG_STATE_DIR";
    /** Sets the template's AuthorizerResultTtlInSeconds (its Default when unset). */
    public static final String AUTHORIZER_CACHE_TTL = "TG_AUTHORIZER_CACHE_TTL_SECONDS";
    /** The template parameters every local stack sets: the API's stage is {@code local}. */
    public static final Map<String, String> LOCAL_PARAMETERS = Map.of("StageName", "local");

    public LocalSettings {
        templateParameters = Map.copyOf(templateParameters);
    }

    public static LocalSettings fromEnvironment(Map<String, String> env, Path repoRoot) {
        Map<String, String> parameters = new LinkedHashMap<>(LOCAL_PARAMETERS);
        String cacheTtl = env.get(AUTHORIZER_CACHE_TTL);
        if (cacheTtl != null && !cacheTtl.isBlank()) {
            parameters.put("AuthorizerResultTtlInSeconds", cacheTtl.trim());
        }
        return new LocalSettings(
                port(env, API_PORT, 3000),
                port(env, LAMBDA_PORT, 3001),
                port(env, COGNITO_PORT, 9229),
                port(env, DYNAMODB_PORT, 8000),
                port(env, WS_PORT, 3002),
                port(env, WS_MANAGEMENT_PORT, 3003),
                Path.of(env.getOrDefault(STATE_DIR, repoRoot.resolve(".local").toString())).toAbsolutePath(),
                "us-east-1",
                "tenantgraph-local",
                repoRoot.resolve("template.yaml"),
                parameters);
    }

    /** Ports 0: each component binds a port the OS picks. */
    public static LocalSettings ephemeral(Path stateDir, Path template) {
        return new LocalSettings(0, 0, 0, 0, 0, 0, stateDir, "us-east-1", "tenantgraph-test", template, LOCAL_PARAMETERS);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1 || parsed > 65535) {
                throw new IllegalArgumentException(name + " must be between 1 and 65535, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + value, e);
        }
    }
}
