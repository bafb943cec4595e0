package com.tenantgraph.local.lambda;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.tenantgraph.local.emulator.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;

/**
 * The JDK's HTTP server as the local stack uses it: bound to 127.0.0.1 only, on a given port or (port 0) on one the OS
 * picks, served by a bounded pool of daemon threads, and stopped at once by {@link #close()}. A port that is taken
 * fails the start with a message naming the port and the setting that chooses it, never an anonymous BindException.
 * Shared by the local Lambda Invoke endpoint and the local API Gateway.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    static {
        // TCP_NODELAY on every accepted connection. The JDK's server writes headers and body separately; with
        // Nagle's algorithm on, a keep-alive client (every browser, node's agent) waits for its own delayed ACK,
        // about 40 ms per request. The JDK reads the property once, when its first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param name        what listens, for thread names and the error message ("the local API Gateway")
     * @param portSetting the setting that chooses the port, named in the error when the port is taken
     * @param threads     size of the request thread pool
     */
    public static LoopbackHttpServer start(String name, int port, String portSetting, int threads,
                                           HttpHandler handler) {
        HttpServer server = bind(name, port, portSetting);
        ExecutorService executor = DaemonThreadPools.fixed(name + "-http", threads);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new LoopbackHttpServer(server, executor);
    }

    private static HttpServer bind(String name, int port, String portSetting) {
        try {
            return HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
        } catch (BindException e) {
            throw new Ports.PortInUseException("port " + port + " on 127.0.0.1 for " + name + " is already in use; "
                    + "stop whatever holds it or choose another port with " + portSetting + " (0 picks a free one)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops listening at once, abandoning exchanges in progress, and stops the request threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
