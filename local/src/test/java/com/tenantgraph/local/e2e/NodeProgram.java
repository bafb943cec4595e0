package com.tenantgraph.local.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a front-end program ({@code node …}) as a child process, as a developer would from a terminal: its output
 * captured for the failure message, a time limit, and the whole process tree destroyed when it is exceeded.
 */
final class NodeProgram {
    static final Duration TIME_LIMIT = Duration.ofSeconds(120);

    /** How the program ended: its exit code and everything it printed (stdout and stderr, interleaved). */
    record Outcome(int exitCode, String output) {
        String describe(String what) {
            return what + " exited with " + exitCode + ":\n" + output;
        }
    }

    private NodeProgram() {
    }

    static Outcome run(Path workingDirectory, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (is Node.js 20 on the PATH?) in " + workingDirectory, e);
        }
        try {
            process.getOutputStream().close();
            var output = new java.io.ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    process.getInputStream().transferTo(output);
                } catch (IOException ignored) {
                    // the process was destroyed; what was read so far is kept
                }
            }, "node-output");
            reader.start();
            if (!process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                destroyTree(process);
                reader.join(5_000);
                throw new AssertionError("node " + String.join(" ", arguments) + " did not finish within " + TIME_LIMIT
                        + ":\n" + output.toString(StandardCharsets.UTF_8));
            }
            reader.join(10_000);
            return new Outcome(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            destroyTree(process);
            throw new UncheckedIOException(e);
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
