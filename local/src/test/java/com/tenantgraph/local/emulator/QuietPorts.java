package com.tenantgraph.local.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests that close a listener and then check that its port is free again. A port the OS picks for
 * {@code bind(0)} comes from its ephemeral range, which every outgoing connection on the machine also draws its local
 * port from: between the close and the check, another process's connection may take it, and the check fails although
 * nothing of ours holds it (seen once in CI). A port below that range is never handed out that way, so only a
 * listener of ours could still hold it.
 */
public final class QuietPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int LINUX_DEFAULT = 32_768;

    private QuietPorts() {
    }

    /** A port below the ephemeral range that was free on 127.0.0.1 a moment ago. */
    public static int freeBelowEphemeralRange() {
        int ephemeralStart = ephemeralStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(Ports.LOOPBACK, port), 1);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + LOWEST + " and " + ephemeralStart);
    }

    /**
     * The start of the OS's ephemeral port range, Linux's default when it cannot be read or reads as no range above
     * {@link #LOWEST}. Read as a line: a whole-file read of a /proc file, whose size reads as 0, can come back short.
     */
    static int ephemeralStart() {
        try (BufferedReader range = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            int start = Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : LINUX_DEFAULT;
        } catch (IOException | RuntimeException unreadable) {
            return LINUX_DEFAULT;
        }
    }
}
