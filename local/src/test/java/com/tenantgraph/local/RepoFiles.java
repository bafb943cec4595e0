package com.tenantgraph.local;

import java.nio.file.Path;

/**
 * Files of the repository that tests read. The root is the {@code tg.repoRoot} system property, which local/pom.xml
 * sets for surefire and failsafe, else the parent of the working directory (local/, as an IDE runs the tests).
 */
public final class RepoFiles {
    private RepoFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("tg.repoRoot");
        Path root = configured == null || configured.isBlank() ? Path.of("..") : Path.of(configured);
        return root.toAbsolutePath().normalize();
    }

    public static Path template() {
        return root().resolve("template.yaml");
    }
}
