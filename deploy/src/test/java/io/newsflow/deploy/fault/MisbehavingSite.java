package io.newsflow.deploy.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A web server on 127.0.0.1 written on plain sockets, so that it can misbehave the ways real servers do and the JDK's
 * server would not let it: stall after accepting, reset the connection, trickle a body byte by byte, stream a gigabyte,
 * or answer with something that is not HTTP. Each path is routed to a {@link Response} chosen by the test; the time a
 * path was first asked for is kept, so that a test can tell how long a client took to give up on it.
 */
final class MisbehavingSite implements AutoCloseable {

    /** What the server does with one request. */
    sealed interface Response {
    }

    /** A complete response with a {@code Content-Length}. */
    record Body(int status, Map<String, String> headers, byte[] body) implements Response {
    }

    /** Accepts and reads the request, then sends nothing until the site closes. */
    record Stall() implements Response {
    }

    /** Reads the request and resets the connection (RST, not FIN). */
    record Reset() implements Response {
    }

    /** A complete response whose bytes are sent one at a time, {@code pause} apart. */
    record Trickle(Map<String, String> headers, byte[] body, Duration pause) implements Response {
    }

    /**
     * {@code length} bytes of {@code pattern} repeated, generated while sending (never held in memory), with or
     * without a {@code Content-Length}; stops when the client closes.
     */
    record Endless(String contentType, byte[] pattern, long length, boolean chunked) implements Response {
    }

    /** Bytes written to the socket as they are, then the connection closed: not HTTP, or HTTP cut short. */
    record Raw(byte[] bytes) implements Response {
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<URI, Response>> routes = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstRequested = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptor;

    private MisbehavingSite(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("misbehaving-site-" + server.getLocalPort()).start(this::accept);
    }

    static MisbehavingSite start() throws IOException {
        return start(InetAddress.getLoopbackAddress());
    }

    /**
     * Starts on a free port of {@code address}, one of 127.0.0.0/8: sites on different addresses are different hosts
     * to a client, each with its own politeness budget.
     */
    static MisbehavingSite start(InetAddress address) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException(address + " is not a loopback address: tests send no traffic elsewhere");
        }
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(address, 0), 200);
        return new MisbehavingSite(socket);
    }

    URI base() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    /** Answers {@code path} (exact, without the query) with what {@code response} gives for the request's URI. */
    void route(String path, Function<URI, Response> response) {
        routes.put(path, response);
    }

    void route(String path, Response response) {
        routes.put(path, uri -> response);
    }

    /** When {@code path} was first asked for, if it was. */
    Instant firstRequested(String path) {
        return firstRequested.get(path);
    }

    static Response ok(String contentType, byte[] body) {
        return new Body(200, Map.of("Content-Type", contentType), body);
    }

    static Response ok(String contentType, String body) {
        return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response redirect(int status, String location) {
        return new Body(status, Map.of("Location", location), new byte[0]);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            String target = requestTarget(socket.getInputStream());
            if (target == null) {
                return;
            }
            URI uri = URI.create(target);
            firstRequested.putIfAbsent(uri.getPath(), Instant.now());
            Function<URI, Response> route = routes.get(uri.getPath());
            Response response = route == null ? new Body(404, Map.of(), new byte[0]) : route.apply(uri);
            respond(socket, response);
        } catch (IOException | IllegalArgumentException e) {
            // the client went away, or sent something that is not a request: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(Socket socket, Response response) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        switch (response) {
            case Body body -> {
                out.write(head(body.status(), body.headers(), "Content-Length: " + body.body().length));
                out.write(body.body());
                out.flush();
            }
            case Stall stall -> closed.await();
            case Reset reset -> socket.setSoLinger(true, 0);
            case Trickle trickle -> {
                byte[] all = concat(head(200, trickle.headers(), "Content-Length: " + trickle.body().length), trickle.body());
                for (byte b : all) {
                    out.write(b);
                    out.flush();
                    if (closed.await(trickle.pause().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
            case Endless endless -> streamEndless(out, endless);
            case Raw raw -> {
                out.write(raw.bytes());
                out.flush();
            }
        }
    }

    private static void streamEndless(OutputStream out, Endless endless) throws IOException {
        Map<String, String> headers = Map.of("Content-Type", endless.contentType());
        out.write(head(200, headers, endless.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + endless.length()));
        byte[] block = new byte[64 * 1024 / endless.pattern().length * endless.pattern().length];
        for (int i = 0; i < block.length; i++) {
            block[i] = endless.pattern()[i % endless.pattern().length];
        }
        byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (long sent = 0; sent + block.length <= endless.length(); sent += block.length) {
            if (endless.chunked()) {
                out.write(chunkHead);
                out.write(block);
                out.write('\r');
                out.write('\n');
            } else {
                out.write(block);
            }
        }
        if (endless.chunked()) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /** The request target of the request line; the headers are read and ignored. Null if the client sent nothing. */
    private static String requestTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                return null;
            }
        }
        String[] requestLine = head.toString(StandardCharsets.ISO_8859_1).split("\r\n", 2)[0].split(" ");
        return requestLine.length >= 2 ? requestLine[1] : null;
    }

    private static byte[] head(int status, Map<String, String> headers, String lengthHeader) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(status < 400 ? "OK" : "Error").append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append(lengthHeader).append("\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
