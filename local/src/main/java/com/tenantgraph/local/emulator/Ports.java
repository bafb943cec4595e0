package com.tenantgraph.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: every local component listens on 127.0.0.1 only. */
public final class Ports {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Fails with a clear message when {@code port} is already taken, instead of letting a child process hang or die
     * with an obscure error later.
     */
    public static void requireFree(int port, String what, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
        } catch (IOException e) {
            throw new PortInUseException("port " + port + " on 127.0.0.1 for " + what + " is already in use; "
                    + "stop whatever holds it or choose another port with " + setting);
        }
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is taken, with a message that names the setting to change. */
    /**
     * Stops a listener so that its port is free when this returns. Closing a server socket that a thread is blocked
     * accepting on only signals that thread: the kernel lets the port go once its accept returns, so a caller that
     * binds the port right after a bare close could find it still taken (seen in CI). Waiting for the accepting
     * thread (at most five seconds; not when called from it) closes that window.
     */
    public static void closeListener(ServerSocket socket, Thread acceptor) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (acceptor != null && acceptor != Thread.currentThread()) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PortInUseException(String message) {
            super(message);
        }
    }
}
