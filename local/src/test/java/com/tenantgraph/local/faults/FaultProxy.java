package com.tenantgraph.local.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server, which injects the faults a network gives a Lambda: refused
 * connections (nothing listens on its port), connections reset as the request arrives (the server never sees it),
 * responses dropped after the server has answered (the request was applied, the caller never hears), and delays.
 * A fault applies to the next {@code n} requests (or all of them); one thread per connection direction, daemon
 * threads, everything closed by {@link #close()}.
 */
public final class FaultProxy implements AutoCloseable {
    /** What happens to a request while a fault is armed. */
    public enum Fault {
        /** Forwarded as is. */
        NONE,
        /** The port stops listening: every connection attempt is refused, and open connections are cut. */
        REFUSE,
        /** The connection is reset as the request arrives, before anything reaches the server. */
        RESET,
        /** The request reaches the server; its response is thrown away and the connection reset (decided as the
         * request passes). */
        DROP_RESPONSE,
        /** The request is held back for the delay, then forwarded. */
        DELAY
    }

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile long delayMillis;
    private volatile String only;
    private volatile ServerSocket server;

    public FaultProxy(URI target) {
        this.upstream = new InetSocketAddress(target.getHost(), target.getPort());
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Arms {@code fault} for the next {@code requests} requests ({@code -1}: until {@link #heal()}). */
    public synchronized void inject(Fault fault, int requests, long delayMillis) {
        inject(fault, requests, delayMillis, null);
    }

    /**
     * The same, for requests whose first bytes contain {@code only} (for example an {@code X-Amz-Target} such as
     * {@code TransactWriteItems}); null for every request. REFUSE ignores it.
     */
    public synchronized void inject(Fault fault, int requests, long delayMillis, String only) {
        this.delayMillis = delayMillis;
        this.only = only;
        this.remaining.set(requests);
        this.fault = fault;
        if (fault == Fault.REFUSE) {
            closeQuietly(server);
            open.forEach(FaultProxy::closeQuietly);
        }
    }

    /** No fault any more; a refused port listens again. */
    public synchronized void heal() {
        Fault was = fault;
        fault = Fault.NONE;
        remaining.set(0);
        if (was == Fault.REFUSE) {
            server = listen(port);
        }
    }

    /** How many requests a fault was applied to (REFUSE aside: refused connections never reach the proxy). */
    public int injected() {
        return injected.get();
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            Thread accept = new Thread(() -> accept(socket), "fault-proxy-accept");
            accept.setDaemon(true);
            accept.start();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket();
                server.connect(upstream);
                open.add(client);
                open.add(server);
                java.util.concurrent.atomic.AtomicBoolean dropAnswer = new java.util.concurrent.atomic.AtomicBoolean();
                start(() -> requests(client, server, dropAnswer));
                start(() -> responses(server, client, dropAnswer));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Client to server: a RESET or DELAY fault applies when a request's first bytes arrive. */
    private void requests(Socket client, Socket server, java.util.concurrent.atomic.AtomicBoolean dropAnswer) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                Fault now = take(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1),
                        Fault.RESET, Fault.DELAY, Fault.DROP_RESPONSE);
                if (now == Fault.DROP_RESPONSE) {
                    dropAnswer.set(true);
                }
                if (now == Fault.RESET) {
                    reset(client, server);
                    return;
                }
                if (now == Fault.DELAY) {
                    Thread.sleep(delayMillis);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side went away
        } finally {
            forget(client, server);
        }
    }

    /** Server to client: a DROP_RESPONSE fault throws the answer away once the server has sent it. */
    private void responses(Socket server, Socket client, java.util.concurrent.atomic.AtomicBoolean dropAnswer) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (dropAnswer.get()) {
                    reset(client, server);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            forget(client, server);
        }
    }

    /**
     * The armed fault if it is one of {@code kinds}, applies to this request (its first bytes) and has requests left
     * (counting this one), else NONE. Bytes of a request's body that arrive later may be taken for a new request;
     * the faults are about connections, not exact request counts.
     */
    private synchronized Fault take(String requestBytes, Fault... kinds) {
        Fault now = fault;
        if (only != null && !requestBytes.contains(only)) {
            return Fault.NONE;
        }
        for (Fault kind : kinds) {
            if (now == kind && remaining.get() != 0) {
                if (remaining.get() > 0) {
                    remaining.decrementAndGet();
                }
                injected.incrementAndGet();
                return now;
            }
        }
        return Fault.NONE;
    }

    private void reset(Socket client, Socket server) {
        try {
            client.setSoLinger(true, 0);
        } catch (IOException e) {
            // already gone
        }
        closeQuietly(client);
        closeQuietly(server);
    }

    private void forget(Socket client, Socket server) {
        closeQuietly(client);
        closeQuietly(server);
        open.remove(client);
        open.remove(server);
    }

    private void start(Runnable work) {
        Thread thread = new Thread(work, "fault-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
    }
}
