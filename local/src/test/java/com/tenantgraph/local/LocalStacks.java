package com.tenantgraph.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * How tests start a whole local stack: the repository's template, ports the OS picks, and state (moto's and
 * cognito-local's data) in a fresh temporary directory, so no test sees another run's tables or users.
 */
public final class LocalStacks {
    private LocalStacks() {
    }

    /** Starts a stack whose state lives in a new temporary directory named after {@code stateDirPrefix}. */
    public static LocalStack ephemeral(String stateDirPrefix) {
        try {
            return LocalStack.start(LocalSettings.ephemeral(Files.createTempDirectory(stateDirPrefix),
                    RepoFiles.template()), step -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
