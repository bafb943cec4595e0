package com.tenantgraph.local.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * moto_server as the local DynamoDB: in memory, so every start is a clean state. The executable is {@code moto_server}
 * from PATH unless {@code TG_MOTO_SERVER} names another one.
 */
public final class MotoServer implements AutoCloseable {
    private final ChildProcess process;
    private final URI endpoint;

    private MotoServer(ChildProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start(int port, Path logDir) {
        String executable = System.getenv().getOrDefault("TG_MOTO_SERVER", "moto_server");
        ChildProcess process = ChildProcess.start("moto_server",
                List.of(executable, "-H", "127.0.0.1", "-p", Integer.toString(port)),
                logDir, Map.of(), logDir.resolve("moto_server-" + port + ".log"), port, Duration.ofSeconds(60));
        return new MotoServer(process, URI.create("http://127.0.0.1:" + port));
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
