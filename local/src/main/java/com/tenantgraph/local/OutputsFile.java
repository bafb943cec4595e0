package com.tenantgraph.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * {@code .local/outputs.json}: how tools and tests find the running local system, as a deployed stack's Outputs
 * would be read. Written atomically once everything is ready, deleted when ./dev up stops.
 */
public final class OutputsFile {
    public static final String NAME = "outputs.json";

    private OutputsFile() {
    }

    public static void write(Path stateDir, Map<String, Object> outputs) {
        try {
            Files.createDirectories(stateDir);
            Path temporary = stateDir.resolve(NAME + ".tmp");
            Files.writeString(temporary, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(outputs) + "\n");
            Files.move(temporary, stateDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDir.resolve(NAME), e);
        }
    }

    public static Map<String, Object> read(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist: start the local stack with ./dev up first");
        }
        try {
            return JSON.std.mapFrom(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(NAME));
        } catch (IOException e) {
            System.err.println("cannot delete " + stateDir.resolve(NAME) + ": " + e.getMessage());
        }
    }
}
