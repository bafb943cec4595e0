package com.tenantgraph.local.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of an emulator, for fault tests: {@link #refuse()} closes the listening
 * socket and every open connection (the next connect is refused at once, as when a service is down), {@link #accept()}
 * listens on the same port again, {@link #delay} holds each new connection before forwarding it (a slow service: the
 * request waits unanswered), and {@link #connections()} counts the connections accepted (an SDK client opens one per
 * attempt that found no idle connection to reuse). Byte-for-byte otherwise; one pair of daemon threads per connection.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile ServerSocket listener;

    private TcpProxy(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** A proxy on a free loopback port forwarding to {@code target} (an http://127.0.0.1:PORT endpoint). */
    public static TcpProxy to(URI target) {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            TcpProxy proxy = new TcpProxy(new InetSocketAddress(target.getHost(), target.getPort()),
                    probe.getLocalPort());
            probe.close();
            proxy.accept();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Listens again (on the same port). */
    public synchronized void accept() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = socket;
            Thread acceptor = new Thread(() -> acceptLoop(socket), "tcp-proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Holds every connection accepted from now on for {@code delay} before anything passes through it
     * ({@link Duration#ZERO}: forwarded at once, the default).
     */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** The connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Stops listening and cuts every open connection: connecting is refused until {@link #accept()}. */
    public synchronized void refuse() {
        closeQuietly(listener);
        listener = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        refuse();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                Duration held = delay;
                if (held.isZero()) {
                    forward(socket, client);
                } else {
                    Thread later = new Thread(() -> {
                        try {
                            Thread.sleep(held.toMillis());
                            forward(socket, client);
                        } catch (InterruptedException stopped) {
                            closeQuietly(client);
                        }
                    }, "tcp-proxy-delay");
                    later.setDaemon(true);
                    later.start();
                }
            } catch (IOException closed) {
                // the listener was closed (refuse)
            }
        }
    }

    /** Connects {@code client} to the target, unless the target refuses or {@code socket} stopped listening. */
    private void forward(ServerSocket socket, Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(target.getAddress(), target.getPort());
        } catch (IOException targetDown) {
            closeQuietly(client); // the client sees its connection end
            return;
        }
        synchronized (this) {
            if (listener != socket) {
                // refused while this connection was being made: it must not outlive the refusal (a call
                // on it would get through the outage)
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            open.add(client);
            open.add(upstream);
        }
        pipe(client, upstream);
        pipe(upstream, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException cut) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
