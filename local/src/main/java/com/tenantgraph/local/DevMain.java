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

/**
 * The entry of {@code ./dev}: {@code up} runs the local stack in the foreground until Ctrl-C or SIGTERM (which stop
 * every process it started); {@code token <username>} prints a demo user's ID token for curl.
 */
public final class DevMain {
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
                       ./dev token <username>   print a demo user's ID token (needs ./dev up running)
                       ./dev operator <command> the operators' command line against ./dev up (./dev operator help)
                       ./dev test               run every test (mvn verify)
                ports: TG_API_PORT (3000), TG_LAMBDA_PORT (3001), TG_COGNITO_PORT (9229), TG_DYNAMODB_PORT (8000)""";
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
            exit(2, "usage: ./dev token <username>");
            return;
        }
        Map<String, Object> outputs;
        try {
            outputs = OutputsFile.read(settings.stateDir());
        } catch (IllegalStateException e) {
            exit(1, "error: " + e.getMessage());
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> users = (List<Map<String, Object>>) outputs.get("demoUsers");
        Map<String, Object> user = users.stream().filter(u -> args[1].equalsIgnoreCase((String) u.get("username")))
                .findFirst().orElse(null);
        if (user == null) {
            exit(1, "error: no demo user " + args[1] + "; demo users: "
                    + users.stream().map(u -> (String) u.get("username")).toList());
            return;
        }
        try (CognitoIdentityProviderClient cognito = SdkClients.cognito(
                java.net.URI.create((String) outputs.get("cognitoEndpoint")), (String) outputs.get("region"))) {
            String idToken = cognito.initiateAuth(InitiateAuthRequest.builder()
                    .clientId((String) outputs.get("userPoolClientId"))
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", (String) user.get("username"),
                            "PASSWORD", (String) user.get("password")))
                    .build()).authenticationResult().idToken();
            System.out.println(idToken);
        } catch (RuntimeException e) {
            exit(1, "error: sign-in failed (is ./dev up running?): " + e.getMessage());
        }
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
