package com.tenantgraph.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.RepoFiles;
import com.tenantgraph.operator.OperatorCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operators' command line against the local emulators: in-process for what it does, and as
 * {@code java -jar …-lambda.jar} in a child process for its manifest and exit codes.
 */
@ExtendWith(SharedLocalStack.class)
class OperatorCliIT {

    private record Result(int exitCode, String out, String err) {
    }

    private static Map<String, String> env(LocalStack stack) {
        return Map.of("TABLE_NAME", stack.output("tableName"), "USER_POOL_ID", stack.output("userPoolId"),
                "AWS_REGION", stack.output("region"), "DYNAMODB_ENDPOINT", stack.output("dynamoDbEndpoint"),
                "COGNITO_ENDPOINT", stack.output("cognitoEndpoint"));
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OperatorCli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tenantsCreate_makesATenantWhoseAdminCanSignInAndUseIt(LocalStack stack) {
        // GIVEN a new tenant id and admin
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        String email = TenantFixture.uniqueEmail("opadmin");

        // WHEN an operator creates it
        Result created = run(env(stack), "tenants", "create", "--id", id, "--name", "Operated Inc", "--plan",
                "enterprise", "--admin-email", email, "--admin-name", "Olive Operator");

        // THEN it is listed, its ADMIN is listed, and that ADMIN signs in to the new tenant
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("created tenant " + id);
        assertThat(run(env(stack), "tenants", "list").out()).contains(id + "\tOperated Inc\tENTERPRISE");
        assertThat(run(env(stack), "tenants", "list").out()).contains("acme\tAcme Corporation\tTEAM");
        Result users = run(env(stack), "users", "list", "--tenant", id);
        assertThat(users.exitCode()).isZero();
        assertThat(users.out()).contains(email + "\tADMIN\tACTIVE\tOlive Operator");
        stack.cognito().adminSetUserPassword(r -> r.userPoolId(stack.output("userPoolId")).username(email)
                .password("Operated-Passw0rd!").permanent(true));
        ApiClient api = new ApiClient(stack);
        ApiClient.Response me = api.query(api.idToken(email, "Operated-Passw0rd!"), "{ me { role } tenant { name plan } }");
        assertThat(me.data("me")).containsEntry("role", "ADMIN");
        assertThat(me.data("tenant")).containsEntry("name", "Operated Inc").containsEntry("plan", "ENTERPRISE");

        // AND creating it again fails with exit code 1, creating no second admin
        Result again = run(env(stack), "tenants", "create", "--id", id, "--name", "Again", "--plan", "FREE",
                "--admin-email", TenantFixture.uniqueEmail("again"), "--admin-name", "Again");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(run(env(stack), "users", "list", "--tenant", id).out().lines().count()).isEqualTo(2);
    }

    @Test
    void tenantsSuspend_refusesEveryMemberOnTheNextRequest_andResume_letsThemBackIn(LocalStack stack) {
        // GIVEN a tenant of its own (the demo tenants are shared by other tests) whose ADMIN is signed in
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);
        String email = TenantFixture.uniqueEmail("suspended");
        assertThat(run(env(stack), "tenants", "create", "--id", id, "--name", "Paused Ltd", "--plan", "TEAM",
                "--admin-email", email, "--admin-name", "Pat Paused").exitCode()).isZero();
        stack.cognito().adminSetUserPassword(r -> r.userPoolId(stack.output("userPoolId")).username(email)
                .password("Paused-Passw0rd!").permanent(true));
        ApiClient api = new ApiClient(stack);
        String token = api.idToken(email, "Paused-Passw0rd!");
        assertThat(api.query(token, "{ tenant { name } }").data("tenant")).containsEntry("name", "Paused Ltd");

        // WHEN an operator suspends it
        Result suspended = run(env(stack), "tenants", "suspend", "--id", id);

        // THEN the same, unexpired token is refused: FORBIDDEN, reason TENANT_SUSPENDED, no data
        assertThat(suspended.exitCode()).as(suspended.err()).isZero();
        assertThat(suspended.out()).startsWith("suspended tenant " + id + " (Paused Ltd)");
        ApiClient.Response refused = api.query(token, "{ tenant { name } me { role } }");
        assertThat(refused.firstErrorCode()).isEqualTo("FORBIDDEN");
        assertThat(reason(refused)).isEqualTo("TENANT_SUSPENDED");
        assertThat(refused.body().get("data")).isNull();
        ApiClient.Response write = api.query(token, "mutation { createProject(input: {key: \"SNK\", name: \"Sneaky\"}) "
                + "{ project { id } } }");
        assertThat(reason(write)).isEqualTo("TENANT_SUSPENDED");
        assertThat(run(env(stack), "tenants", "show", "--id", id).out())
                .contains(id + "\tPaused Ltd\tTEAM\tSUSPENDED\t1\t");

        // AND suspending again changes nothing and says so (the version stays)
        String before = run(env(stack), "tenants", "show", "--id", id).out();
        Result again = run(env(stack), "tenants", "suspend", "--id", id);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("is already SUSPENDED; nothing changed");
        assertThat(run(env(stack), "tenants", "show", "--id", id).out()).isEqualTo(before);

        // WHEN it is resumed THEN the same token is answered again, and resuming twice is harmless
        Result resumed = run(env(stack), "tenants", "resume", "--id", id);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).startsWith("resumed tenant " + id);
        ApiClient.Response back = api.query(token, "{ tenant { name } me { role } }");
        assertThat(back.firstErrorCode()).isNull();
        assertThat(back.data("me")).containsEntry("role", "ADMIN");
        assertThat(run(env(stack), "tenants", "resume", "--id", id).out()).contains("is already ACTIVE");
        assertThat(run(env(stack), "tenants", "show", "--id", id).out()).contains("\tACTIVE\t");
    }

    @Test
    void tenantsSuspend_saysWhatIsWrong_withAnUnknownOrMalformedId_andChangesNothing(LocalStack stack) {
        Result unknown = run(env(stack), "tenants", "suspend", "--id", "no-such-tenant");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no tenant no-such-tenant; nothing changed");
        assertThat(run(env(stack), "tenants", "resume", "--id", "no-such-tenant").exitCode()).isEqualTo(1);
        assertThat(run(env(stack), "tenants", "show", "--id", "no-such-tenant").exitCode()).isEqualTo(1);

        Result malformed = run(env(stack), "tenants", "suspend", "--id", "acme#x\u001b[2J");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("--id is not a tenant id").contains("\\u001b[2J")
                .doesNotContain("\u001b");
        assertThat(run(env(stack), "tenants", "suspend").err()).contains("--id is required");
        assertThat(run(env(stack), "tenants", "suspend", "--tenant", "acme").err()).contains("unknown option --tenant");
        assertThat(run(env(stack), "tenants", "show", "--id", "acme").out()).contains("acme\tAcme Corporation\tTEAM\tACTIVE");
    }

    @SuppressWarnings("unchecked")
    private static String reason(ApiClient.Response response) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().get("errors");
        return (String) ((Map<String, Object>) errors.get(0).get("extensions")).get("reason");
    }

    @Test
    void tenantsCreate_refusesAnAdminEmailThatHasAnAccount_andCreatesNoTenant(LocalStack stack) {
        String id = "op-" + UUID.randomUUID().toString().substring(0, 8);

        Result taken = run(env(stack), "tenants", "create", "--id", id, "--name", "Taken", "--plan", "FREE",
                "--admin-email", "ada@acme.test", "--admin-name", "Ada Again");

        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("already has an account");
        assertThat(run(env(stack), "tenants", "list").out()).doesNotContain(id);
    }

    @Test
    void usageMistakes_exitWith2_andSayWhatIsWrong(LocalStack stack) {
        assertThat(run(env(stack)).exitCode()).isEqualTo(2);
        assertThat(run(env(stack), "tenants", "delete").err()).contains("unknown command 'tenants delete'");
        Result missing = run(env(stack), "tenants", "create", "--id", "x1", "--plan", "FREE");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--name is required");
        assertThat(run(env(stack), "tenants", "create", "--id", "x1", "--name", "X", "--plan", "GOLD",
                "--admin-email", "x@example.test", "--admin-name", "X").err()).contains("--plan must be");
        assertThat(run(env(stack), "users", "list", "--tenant", "a#b").exitCode()).isEqualTo(2);
        assertThat(run(Map.of(), "tenants", "list").err()).contains("TABLE_NAME is not set");
        Result help = run(env(stack), "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("tenants create --id ID");
        assertThat(run(env(stack), "users", "list", "--tenant", "no-such-tenant").exitCode()).isEqualTo(1);
    }

    @Test
    void theLambdaJar_runsTheCommandLine_withItsExitCodes(LocalStack stack) throws Exception {
        // GIVEN the shaded Lambda jar the build produced
        Path jar = RepoFiles.root().resolve("graphql/target/tenantgraph-graphql-lambda.jar");
        assertThat(jar).as("mvn package builds the Lambda jar before the integration tests").isRegularFile();

        // WHEN it runs as java -jar: listing tenants, without configuration, and with an unknown command
        Result list = runJar(jar, env(stack), "tenants", "list");
        Result unconfigured = runJar(jar, Map.of(), "tenants", "list");
        Result unknown = runJar(jar, env(stack), "frobnicate");

        // THEN exit codes 0, 2, 2
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("acme").contains("globex");
        assertThat(unconfigured.exitCode()).isEqualTo(2);
        assertThat(unconfigured.err()).contains("TABLE_NAME");
        assertThat(unknown.exitCode()).isEqualTo(2);
    }

    private static Result runJar(Path jar, Map<String, String> env, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("TABLE_NAME") || k.equals("USER_POOL_ID")
                || k.endsWith("_ENDPOINT"));
        childEnv.putAll(new HashMap<>(env));
        Path out = Files.createTempFile("operator", ".out");
        Path err = Files.createTempFile("operator", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the operator command line did not finish: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
