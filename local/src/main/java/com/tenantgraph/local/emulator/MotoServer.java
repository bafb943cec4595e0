package com.tenantgraph.local.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * moto as the local DynamoDB, in memory, so every start is a clean state. It is not started as {@code moto_server}:
 * that serves requests on threads, and moto's TransactWriteItems is not isolated from a concurrent call (it copies the
 * table and restores the copy on cancel). Our own launcher, {@code moto_launcher.py} beside this class, runs moto's
 * WSGI app one request at a time on 127.0.0.1 and honours TransactWriteItems' {@code ClientRequestToken} as DynamoDB
 * does; docs/local-stack.md says why and what it costs. The interpreter is {@code python3} unless {@code TG_PYTHON}
 * names another one; it must have {@code moto[server]} installed (what {@code ./dev} installs).
 */
public final class MotoServer implements AutoCloseable {
    /** How long DynamoDB keeps a committed transaction's ClientRequestToken. */
    public static final Duration TOKEN_WINDOW = Duration.ofMinutes(10);

    private static final String LAUNCHER = "moto_launcher.py";

    private final ChildProcess process;
    private final URI endpoint;

    private MotoServer(ChildProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts moto on 127.0.0.1:{@code port} and returns once it accepts connections; its log goes to logDir. */
    public static MotoServer start(int port, Path logDir) {
        return start(port, logDir, TOKEN_WINDOW);
    }

    /** The same, remembering committed ClientRequestTokens for {@code tokenWindow} (a test of their expiry). */
    public static MotoServer start(int port, Path logDir, Duration tokenWindow) {
        String python = System.getenv().getOrDefault("TG_PYTHON", "python3");
        Path launcher = writeLauncher(logDir);
        ChildProcess process = ChildProcess.start("moto (DynamoDB)",
                List.of(python, launcher.toString(), "--port", Integer.toString(port),
                        "--idempotency-window-seconds", Double.toString(tokenWindow.toMillis() / 1000.0)),
                logDir, Map.of(), logDir.resolve("moto-" + port + ".log"), port, Duration.ofSeconds(60));
        return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
    }

    /**
     * Copies the launcher out of the jar into logDir (Python cannot run it from inside the jar), atomically, so that
     * two starts sharing logDir never run a half-written file.
     */
    private static Path writeLauncher(Path logDir) {
        Path target = logDir.resolve(LAUNCHER);
        try (InputStream source = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            if (source == null) {
                throw new IllegalStateException(LAUNCHER + " is missing from the classpath beside "
                        + MotoServer.class.getName());
            }
            Files.createDirectories(logDir);
            Path partial = Files.createTempFile(logDir, "moto_launcher", ".partial");
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
