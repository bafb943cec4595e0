package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.local.SdkClients;
import com.tenantgraph.local.emulator.Ports;
import com.tenantgraph.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dev up} as a newcomer runs it, through its real entry point in a separate JVM: it writes
 * .local/outputs.json once ready (with the names of a deployed stack's outputs), {@code ./dev token} signs a demo user
 * in, {@code ./dev operator} and {@code ./dev token} find the stack through {@code TG_STATE_DIR} and sign in any user
 * given {@code TG_PASSWORD}, a second instance refuses to start, a taken port is a clear error, and SIGTERM stops
 * every process it started.
 */
class DevUpIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private final List<Process> launched = new ArrayList<>();

    @TempDir
    Path stateDir;

    @AfterEach
    void stopEverything() {
        launched.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    void devUp_servesTheApi_refusesASecondInstance_andStopsEverythingOnSigterm() throws Exception {
        // GIVEN ./dev up started on free ports
        Map<String, String> env = freePorts();
        Process up = launch(env, stateDir, "up");
        Map<String, Object> outputs = awaitOutputs(up, stateDir);

        // THEN the outputs name every endpoint and six demo users
        assertThat(outputs).containsKeys("graphqlUrl", "graphiqlUrl", "region", "userPoolId", "userPoolClientId",
                "cognitoEndpoint", "dynamoDbEndpoint", "tableName", "demoUsers");
        assertThat((List<?>) outputs.get("demoUsers")).hasSize(6);
        // AND a deployed stack's Outputs have the same names (only the cursor secret and the alarm topic have none)
        Set<String> deployedOutputs = new TreeSet<>(SamTemplate.read(RepoFiles.template(), Map.of()).root()
                .require("Outputs").entries().keySet());
        deployedOutputs.removeAll(Set.of("cursorSecretArn", "alarmTopicArn"));
        assertThat(outputs.keySet()).as("outputs.json beside template.yaml's Outputs")
                .containsAll(deployedOutputs);
        assertThat((String) outputs.get("graphqlUrl")).startsWith("http://127.0.0.1:" + env.get("TG_API_PORT"));
        assertThat((String) outputs.get("graphiqlUrl"))
                .isEqualTo("http://127.0.0.1:" + env.get("TG_API_PORT") + "/graphiql");
        assertThat((String) outputs.get("graphqlWsUrl"))
                .isEqualTo("ws://127.0.0.1:" + env.get("TG_WS_PORT") + "/local");

        // WHEN a demo user's token is fetched with ./dev token and used with curl-like HTTP
        Process token = launch(env, stateDir, "token", "ada@acme.test");
        String idToken = new String(token.getInputStream().readAllBytes()).trim();
        assertThat(token.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(token.exitValue()).isZero();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create((String) outputs.get("graphqlUrl")))
                .header("Authorization", "Bearer " + idToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { email role } tenant { name } }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        // THEN the API answers with the caller's data
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ada@acme.test").contains("ADMIN").contains("Acme Corporation");

        // WHEN an operator creates a tenant with ./dev operator, which finds the stack through TG_STATE_DIR alone
        String tenantId = "devtools-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String admin = TenantFixture.uniqueEmail("olive");
        Process operator = launch(env, stateDir, "operator", "tenants", "create", "--id", tenantId, "--name",
                "Dev Tools Inc", "--plan", "FREE", "--admin-email", admin, "--admin-name", "Olive Operator");
        String operatorOut = new String(operator.getInputStream().readAllBytes());
        assertThat(operator.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(operator.exitValue()).as(operatorOut + new String(operator.getErrorStream().readAllBytes()))
                .isZero();
        assertThat(operatorOut).contains("created tenant " + tenantId);

        // AND its admin, who is no demo user, gets a password and signs in with ./dev token and TG_PASSWORD
        try (var cognito = SdkClients.cognito(URI.create((String) outputs.get("cognitoEndpoint")),
                (String) outputs.get("region"))) {
            cognito.adminSetUserPassword(r -> r.userPoolId((String) outputs.get("userPoolId")).username(admin)
                    .password("Dev-Tools-Passw0rd!").permanent(true));
        }
        Process adminToken = launch(env, stateDir, Map.of("TG_PASSWORD", "Dev-Tools-Passw0rd!"), "token", admin);
        String adminIdToken = new String(adminToken.getInputStream().readAllBytes()).trim();
        assertThat(adminToken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(adminToken.exitValue()).as(new String(adminToken.getErrorStream().readAllBytes())).isZero();
        HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create((String) outputs.get("graphqlUrl")))
                .header("Authorization", "Bearer " + adminIdToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { email role } tenant { name } }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.body()).contains(admin).contains("ADMIN").contains("Dev Tools Inc");

        // AND a wrong password is refused clearly, exit code 1, without echoing the password
        Process refused = launch(env, stateDir, Map.of("TG_PASSWORD", "Wrong-Passw0rd!"), "token", admin);
        String refusal = new String(refused.getErrorStream().readAllBytes());
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(refusal).contains("wrong username or password").doesNotContain("Wrong-Passw0rd!");

        // AND a user who is not a demo user, without TG_PASSWORD and without a terminal, gets a usage error
        Process noPassword = launch(env, stateDir, "token", admin);
        String noPasswordError = new String(noPassword.getErrorStream().readAllBytes());
        assertThat(noPassword.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(noPassword.exitValue()).isEqualTo(2);
        assertThat(noPasswordError).contains("TG_PASSWORD");

        // WHEN a second ./dev up starts beside it
        Process second = launch(env, stateDir, "up");
        String secondOutput = new String(second.getErrorStream().readAllBytes());
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // THEN it says so and exits non-zero
        assertThat(second.exitValue()).isNotZero();
        assertThat(secondOutput).contains("already running");

        // WHEN SIGTERM reaches ./dev up
        @SuppressWarnings("unchecked")
        Map<String, Object> processes = (Map<String, Object>) outputs.get("processes");
        up.destroy();
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // THEN every process it started has stopped and the outputs file is gone
        for (Object pid : processes.values()) {
            assertThat(ProcessHandle.of(((Number) pid).longValue()).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %s still alive", pid).isFalse();
        }
        assertThat(stateDir.resolve("outputs.json")).doesNotExist();
    }

    @Test
    void devUp_failsClearly_whenAPortIsTaken() throws Exception {
        // GIVEN the API port is held by something else
        Map<String, String> env = freePorts();
        try (var holder = new java.net.ServerSocket(Integer.parseInt(env.get("TG_API_PORT")), 1,
                Ports.LOOPBACK)) {
            // WHEN ./dev up starts
            Process up = launch(env, stateDir, "up");
            String errors = new String(up.getErrorStream().readAllBytes());

            // THEN it exits at once with a message naming the port and the setting, leaving nothing behind
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(up.exitValue()).isNotZero();
            assertThat(errors).contains("port " + env.get("TG_API_PORT")).contains("TG_API_PORT");
            assertThat(up.descendants().filter(ProcessHandle::isAlive).count()).isZero();
        }
    }

    private static Map<String, String> freePorts() {
        Map<String, String> env = new HashMap<>();
        env.put("TG_API_PORT", Integer.toString(Ports.free()));
        env.put("TG_LAMBDA_PORT", Integer.toString(Ports.free()));
        env.put("TG_COGNITO_PORT", Integer.toString(Ports.free()));
        env.put("TG_DYNAMODB_PORT", Integer.toString(Ports.free()));
        env.put("TG_WS_PORT", Integer.toString(Ports.free()));
        env.put("TG_WS_MANAGEMENT_PORT", Integer.toString(Ports.free()));
        return env;
    }

    private Process launch(Map<String, String> env, Path state, String... args) throws IOException {
        return launch(env, state, Map.of(), args);
    }

    private Process launch(Map<String, String> env, Path state, Map<String, String> extraEnv, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtg.repoRoot=" + RepoFiles.root(),
                "-Dtg.cognitoLocalDir=" + System.getProperty("tg.cognitoLocalDir"),
                "-cp", System.getProperty("java.class.path"),
                "com.tenantgraph.local.DevMain"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("TG_STATE_DIR", state.toString());
        builder.environment().remove("TG_PASSWORD");
        builder.environment().putAll(extraEnv);
        if (args[0].equals("up")) {
            builder.redirectOutput(state.resolve("dev-up-" + launched.size() + ".out").toFile());
        }
        Process process = builder.start();
        launched.add(process);
        return process;
    }

    private static Map<String, Object> awaitOutputs(Process up, Path state) throws Exception {
        Path outputs = state.resolve("outputs.json");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && up.isAlive()) {
            if (Files.exists(outputs)) {
                return JSON.std.mapFrom(Files.readString(outputs));
            }
            Thread.sleep(200);
        }
        String errors = up.isAlive() ? "" : new String(up.getErrorStream().readAllBytes());
        throw new AssertionError("./dev up did not write " + outputs + " (alive: " + up.isAlive() + ") " + errors);
    }
}
