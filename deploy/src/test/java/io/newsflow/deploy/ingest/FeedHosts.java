package io.newsflow.deploy.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishers' hosts for ingest tests: one HTTP server per loopback address (127.0.0.2, 127.0.0.3, ...), each serving
 * RSS feeds at {@code /feeds/N.xml} with one item each and an ETag that answers conditional GETs with 304. Every
 * request is logged with the User-Agent that sent it, so that tests can tell which ingest instance polled what.
 */
final class FeedHosts implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String host, String path, String userAgent, String ifNoneMatch) {
        String url(int port) {
            return "http://" + host + ":" + port + path;
        }
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    FeedHosts(int hosts) throws IOException {
        for (int i = 0; i < hosts; i++) {
            String address = "127.0.0." + (i + 2);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
            server.createContext("/feeds/", exchange -> serveFeed(address, exchange));
            server.setExecutor(threads);
            server.start();
            servers.add(server);
        }
    }

    /** The URL of feed {@code n} on host {@code host} (0-based). */
    String feedUrl(int host, int n) {
        HttpServer server = servers.get(host);
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/feeds/" + n + ".xml";
    }

    List<Request> requests() {
        return requests;
    }

    static String etagOf(String path) {
        return "\"" + path.hashCode() + "\"";
    }

    private void serveFeed(String address, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        requests.add(new Request(address, path, exchange.getRequestHeaders().getFirst("User-Agent"), ifNoneMatch));
        String etag = etagOf(path);
        if (etag.equals(ifNoneMatch)) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        String base = "http://" + address + ":" + exchange.getLocalAddress().getPort();
        byte[] body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Feed %1$s</title><link>%2$s/</link><description>d</description>
                <item><title>Story of %1$s</title><link>%2$s/stories%1$s</link><pubDate>Tue, 14 May 2024 09:30:00 +0200</pubDate>
                <description>The one story of %1$s.</description></item>
                </channel></rss>
                """.formatted(path.replace(".xml", ""), base).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.getResponseHeaders().add("ETag", etag);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        threads.shutdownNow();
    }
}
