package com.tenantgraph.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh JVM on the test class path running one main class, as Lambda starts a function: the tests that need the
 * runtime's own path (no-argument constructors, configuration from the environment) run their probe through it.
 */
public final class FreshJvm {
    private FreshJvm() {
    }

    /** A process builder for {@code main} with {@code args}, stderr merged into stdout; set its environment, then run. */
    public static ProcessBuilder of(Class<?> main, String... args) {
        return of(List.of(), main, args);
    }

    /** The same, with options for the JVM (before the class path), such as a class-loading log. */
    public static ProcessBuilder of(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Runs it to the end (two minutes at most) and returns everything it printed; fails if it did not exit 0. */
    public static String run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after two minutes: " + output);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("exit " + process.exitValue() + ": " + output);
        }
        return output;
    }
}
