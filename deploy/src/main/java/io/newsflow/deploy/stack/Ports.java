package io.newsflow.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports: free ones for test stacks, and a clear refusal when a server's port is taken. */
final class Ports {

    /** The servers listen on IPv4 loopback only, whatever the JVM prefers for "localhost". */
    static final InetAddress LOOPBACK = ipv4Loopback();

    private Ports() {
    }

    /** {@code count} distinct ports that are free on 127.0.0.1 now (the OS hands out ephemeral ports in turn). */
    static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, LOOPBACK);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on " + LOOPBACK.getHostAddress(), e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /**
     * Fails with a message naming the server, the port and the setting to change when something already listens
     * on {@code port} (on 127.0.0.1 or on all addresses).
     */
    static void requireFree(int port, String what, String setting) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new StackStartException("Cannot start " + what + ": port " + port + " on " + LOOPBACK.getHostAddress()
                    + " is already in use (another " + what + " or an earlier local stack still running?). Stop the process"
                    + " that listens there (e.g. find it with `ss -ltnp | grep :" + port + "`), or choose another port: " + setting + ".");
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a four-byte address is always accepted", e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the port is released either way once the socket is gone
        }
    }
}
