package com.tenantgraph.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * cognito-local (pinned by local/cognito-local/package-lock.json) as the local Cognito user pool service. Each start
 * uses a fresh data folder, since moto keeps nothing between runs either. Its Lambda triggers are sent to the local
 * Lambda Invoke endpoint given at start.
 */
public final class CognitoLocal implements AutoCloseable {
    private final ChildProcess process;
    private final URI endpoint;

    private CognitoLocal(ChildProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @param lambdaEndpoint   the Lambda Invoke endpoint cognito-local calls for triggers, or null for none
     * @param triggerFunctions trigger name (PreSignUp, PostConfirmation, …) to function name
     * @param publicEndpoint   where clients reach it, when that is not its own port (a proxy in front of it): the
     *                         tokens' {@code iss} names it, as Cognito's names its public endpoint; null for its own
     */
    public static CognitoLocal start(int port, Path dataDir, URI lambdaEndpoint, Map<String, String> triggerFunctions,
                                     URI publicEndpoint) {
        Path installDir = installDir();
        Path startScript = installDir.resolve("node_modules/cognito-local/lib/bin/start.js");
        if (!Files.isRegularFile(startScript)) {
            throw new IllegalStateException("cognito-local is not installed in " + installDir
                    + "; run `npm ci` there (./dev up and mvn verify do this on a first run)");
        }
        writeConfig(dataDir, lambdaEndpoint, triggerFunctions, publicEndpoint);
        ChildProcess process = ChildProcess.start("cognito-local",
                List.of(System.getenv().getOrDefault("TG_NODE", "node"), startScript.toString()),
                dataDir, Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(port)),
                dataDir.resolve("cognito-local.log"), port, Duration.ofSeconds(60));
        return new CognitoLocal(process, URI.create("http://127.0.0.1:" + port));
    }

    /** Where the pinned npm package lives: -Dtg.cognitoLocalDir, TG_COGNITO_LOCAL_DIR, or local/cognito-local. */
    public static Path installDir() {
        String configured = System.getProperty("tg.cognitoLocalDir", System.getenv("TG_COGNITO_LOCAL_DIR"));
        return Path.of(configured != null ? configured : "local/cognito-local").toAbsolutePath().normalize();
    }

    private static void writeConfig(Path dataDir, URI lambdaEndpoint, Map<String, String> triggers,
                                    URI publicEndpoint) {
        StringBuilder json = new StringBuilder("{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}");
        if (publicEndpoint != null) {
            json.append(",\"TokenConfig\":{\"IssuerDomain\":\"")
                    .append(publicEndpoint.toString().replaceAll("/+$", "")).append("\"}");
        }
        if (lambdaEndpoint != null) {
            json.append(",\"LambdaClient\":{\"endpoint\":\"").append(lambdaEndpoint)
                    .append("\",\"region\":\"us-east-1\",\"credentials\":{\"accessKeyId\":\"local\",")
                    .append("\"secretAccessKey\":\"local\"}}");
        }
        String functions = triggers.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(","));
        json.append(",\"TriggerFunctions\":{").append(functions).append("}}");
        try {
            Path cognitoDir = dataDir.resolve(".cognito");
            Files.createDirectories(cognitoDir);
            Files.writeString(cognitoDir.resolve("config.json"), json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cognito-local config in " + dataDir, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
