package io.newsflow.deploy.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A local web site for feeds and article pages bundled as classpath resources, so the whole pipeline can be seen
 * end to end on a machine without internet. Serves {@code <resourceRoot>/<path>} on 127.0.0.1 and replaces
 * {@code {{base}}} in every file with the site's own base URL, so feeds link to pages on this server.
 */
public final class DemoSite implements AutoCloseable {

    private final HttpServer server;
    private final String resourceRoot;

    private DemoSite(HttpServer server, String resourceRoot) {
        this.server = server;
        this.resourceRoot = resourceRoot;
    }

    /**
     * Starts serving {@code resourceRoot} (e.g. {@code "demo"}) on {@code port} of 127.0.0.1, 0 for a free one.
     * A fixed port keeps the feed and article URLs, and so the article ids, the same from one run to the next.
     *
     * @throws IOException if the port is taken
     */
    public static DemoSite start(String resourceRoot, int port) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new IOException("port " + port + " on 127.0.0.1 is taken: choose another with --demo-port", e);
        }
        DemoSite site = new DemoSite(server, resourceRoot);
        server.createContext("/", site::serve);
        server.start();
        return site;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The text of a bundled file with {@code {{base}}} replaced, e.g. to write an OPML file that points here. */
    public String render(String path) throws IOException {
        try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(resourceRoot + "/" + path)) {
            if (in == null) {
                throw new IOException("no bundled file " + resourceRoot + "/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", base().toString());
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.contains("..") || path.endsWith("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try {
                body = render(path.substring(1)).getBytes(StandardCharsets.UTF_8);
            } catch (IOException notFound) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", contentType(path));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (path.endsWith(".xml") || path.endsWith(".opml")) {
            return "application/xml; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
