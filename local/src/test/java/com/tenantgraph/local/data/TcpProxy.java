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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of an emulator, for fault tests: {@link #refuse()} closes the listening
 * socket and every open connection (the next connect is refused at once, as when a service is down), {@link #accept()}
 * listens on the same port again. Byte-for-byte otherwise; one pair of daemon threads per connection.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
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
                Socket upstream;
                try {
                    upstream = new Socket(target.getAddress(), target.getPort());
                } catch (IOException targetDown) {
                    closeQuietly(client);
                    continue;
                }
                synchronized (this) {
                    if (listener != socket) {
                        // refused while this connection was being made: it must not outlive the refusal (a call
                        // on it would get through the outage)
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                }
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException closedOrRefused) {
                // the listener was closed (refuse) or the target refused: the client sees its connection end
            }
        }
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
