package com.tenantgraph.local;

import com.tenantgraph.local.seed.DemoUser;
import com.tenantgraph.operator.OperatorCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * The entry of {@code ./dev}: {@code up} runs the local stack in the foreground until Ctrl-C or SIGTERM (which stop
 * every process it started); {@code token <username>} prints a user's ID token for curl (a demo user's, or any
 * user's with {@code TG_PASSWORD}); {@code operator} runs the operators' command line against the running stack. All
 * three find the stack through the same settings ({@code TG_STATE_DIR} and the ports, {@link LocalSettings}).
 */
public final class DevMain {
    /** The password {@code ./dev token} signs in with (the same variable the example clients read). */
    static final String PASSWORD_VARIABLE = "TG_PASSWORD";

    private DevMain() {
    }

    public static void main(String[] args) {
        Path repoRoot = Path.of(System.getProperty("tg.repoRoot", ".")).toAbsolutePath().normalize();
        LocalSettings settings;
        try {
            settings = LocalSettings.fromEnvironment(System.getenv(), repoRoot);
        } catch (IllegalArgumentException e) {
            exit(2, "error: " + e.getMessage());
            return;
        }
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "up" -> up(settings);
            case "token" -> token(settings, args);
            case "operator" -> operator(settings, args);
            default -> exit(command.equals("help") ? 0 : 2, usage());
        }
    }

    private static String usage() {
        return """
                usage: ./dev up                 run the whole system locally until Ctrl-C
                       ./dev token <username>   print a user's ID token (needs ./dev up running; a demo user,
                                                or any user with TG_PASSWORD set or typed at the prompt)
                       ./dev operator <command> the operators' command line against ./dev up (./dev operator help)
                       ./dev test               run every test (mvn verify)
                       ./dev deploy [sam args]  build and deploy to AWS (docs/deployment.md)
                ports: TG_API_PORT (3000), TG_LAMBDA_PORT (3001), TG_COGNITO_PORT (9229), TG_DYNAMODB_PORT (8000),
                       TG_WS_PORT (3002, subscriptions), TG_WS_MANAGEMENT_PORT (3003, its @connections API)
                state: TG_STATE_DIR (.local): where ./dev up writes outputs.json and ./dev token and operator read it""";
    }

    private static void up(LocalSettings settings) {
        SingleInstanceLock lock = SingleInstanceLock.tryAcquire(settings.stateDir());
        if (lock == null) {
            exit(1, "error: ./dev up is already running (pid " + SingleInstanceLock.holder(settings.stateDir())
                    + "); stop it with Ctrl-C in its terminal or `kill <pid>`");
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(settings, step -> System.out.println("==> " + step));
        } catch (RuntimeException e) {
            lock.close();
            exit(1, "error: the local stack did not start: " + e.getMessage());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("==> stopping the local stack");
            OutputsFile.delete(settings.stateDir());
            stack.close();
            lock.close();
            stopped.countDown();
        }, "dev-up-shutdown"));
        OutputsFile.write(settings.stateDir(), stack.outputs());
        printReady(stack, settings);
        awaitForever(stopped);
    }

    private static void printReady(LocalStack stack, LocalSettings settings) {
        StringBuilder out = new StringBuilder("\nTenantGraph is running locally.\n\n");
        out.append("  GraphQL:  ").append(stack.output("graphqlUrl")).append('\n');
        out.append("  GraphiQL: ").append(stack.output("graphiqlUrl"))
                .append("  (open it in a browser and sign in as a demo user)\n");
        if (stack.outputs().containsKey("graphqlWsUrl")) {
            out.append("  Live:     ").append(stack.output("graphqlWsUrl"))
                    .append("  (graphql-ws subscriptions; the ID token goes in connectionParams)\n");
        }
        out.append("  Outputs:  ").append(settings.stateDir().resolve(OutputsFile.NAME)).append("\n\n");
        out.append("  Demo logins (password ").append(stack.demoUsers().get(0).password()).append("):\n");
        for (DemoUser user : stack.demoUsers()) {
            out.append(String.format("    %-8s %-7s %s%n", user.tenant(), user.role(), user.username()));
        }
        out.append("\n  Try:  TOKEN=$(./dev token ").append(stack.demoUsers().get(0).username()).append(")\n");
        out.append("        curl -s ").append(stack.output("graphqlUrl"))
                .append(" -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n")
                .append("             -d '{\"query\":\"{ me { email role } tenant { name plan } }\"}'\n");
        out.append("\nPress Ctrl-C to stop everything.\n");
        System.out.println(out);
    }

    private static void token(LocalSettings settings, String[] args) {
        if (args.length != 2) {
            exit(2, "usage: ./dev token <username>   (a demo user, or any user with " + PASSWORD_VARIABLE
                    + " set or the password typed at the prompt)");
            return;
        }
        Map<String, Object> outputs;
        try {
            outputs = OutputsFile.read(settings.stateDir());
        } catch (IllegalStateException e) {
            exit(1, "error: " + e.getMessage());
            return;
        }
        String username = args[1];
        String password = password(username, outputs);
        if (password == null) {
            exit(2, "error: " + username + " is not a demo user: give its password in " + PASSWORD_VARIABLE
                    + " (or type it at the prompt in a terminal)");
            return;
        }
        try (CognitoIdentityProviderClient cognito = SdkClients.cognito(
                java.net.URI.create((String) outputs.get("cognitoEndpoint")), (String) outputs.get("region"))) {
            InitiateAuthResponse answer = cognito.initiateAuth(InitiateAuthRequest.builder()
                    .clientId((String) outputs.get("userPoolClientId"))
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password))
                    .build());
            if (answer.authenticationResult() == null) {
                exit(1, "error: " + username + " must answer the challenge " + answer.challengeNameAsString()
                        + " first (an invited user sets a new password at the first sign-in)");
                return;
            }
            System.out.println(answer.authenticationResult().idToken());
        } catch (NotAuthorizedException | UserNotFoundException | InvalidPasswordException e) {
            // Cognito says NotAuthorized for a wrong password; cognito-local says InvalidPassword.
            exit(1, "error: sign-in refused for " + username + ": wrong username or password, or a disabled user");
        } catch (UserNotConfirmedException e) {
            exit(1, "error: " + username + " has not confirmed the sign-up yet");
        } catch (RuntimeException e) {
            exit(1, "error: sign-in failed (is ./dev up running with the same " + LocalSettings.STATE_DIR + "?): "
                    + e.getMessage());
        }
    }

    /**
     * The password of a user: {@code TG_PASSWORD} when set, else a demo user's own, else typed at the terminal's
     * prompt (not echoed); null when there is none. Never an argument, which other users could read in the process
     * list.
     */
    private static String password(String username, Map<String, Object> outputs) {
        String given = System.getenv(PASSWORD_VARIABLE);
        if (given != null && !given.isEmpty()) {
            return given;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> demoUsers = (List<Map<String, Object>>) outputs.getOrDefault("demoUsers", List.of());
        String demoPassword = demoUsers.stream().filter(u -> username.equalsIgnoreCase((String) u.get("username")))
                .map(u -> (String) u.get("password")).findFirst().orElse(null);
        if (demoPassword != null) {
            return demoPassword;
        }
        java.io.Console console = System.console();
        char[] typed = console == null ? null : console.readPassword("password of %s: ", username);
        return typed == null || typed.length == 0 ? null : new String(typed);
    }

    /**
     * The operators' command line ({@link OperatorCli}) pointed at the running local stack: its endpoints, table and
     * pool come from the outputs file; without ./dev up running, from the environment as given.
     */
    private static void operator(LocalSettings settings, String[] args) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (java.nio.file.Files.isRegularFile(settings.stateDir().resolve(OutputsFile.NAME))) {
            Map<String, Object> outputs = OutputsFile.read(settings.stateDir());
            env.put("TABLE_NAME", (String) outputs.get("tableName"));
            env.put("USER_POOL_ID", (String) outputs.get("userPoolId"));
            env.put("AWS_REGION", (String) outputs.get("region"));
            env.put("DYNAMODB_ENDPOINT", (String) outputs.get("dynamoDbEndpoint"));
            env.put("COGNITO_ENDPOINT", (String) outputs.get("cognitoEndpoint"));
        } else {
            System.err.println("note: no ./dev up is running with " + LocalSettings.STATE_DIR + "="
                    + settings.stateDir() + "; using TABLE_NAME, USER_POOL_ID and the endpoints from the environment");
        }
        System.exit(OperatorCli.run(java.util.Arrays.copyOfRange(args, 1, args.length), env, System.out, System.err));
    }

    private static void awaitForever(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exit(int code, String message) {
        (code == 0 ? System.out : System.err).println(message);
        System.exit(code);
    }
}
