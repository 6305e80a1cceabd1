package io.newsflow.ingest.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A publisher's site on 127.0.0.1 for tests: one RSS feed at {@code /feed.xml} that answers conditional GETs
 * with 304, article pages under {@code /articles/}, and feeds that fail in the usual ways.
 */
final class LocalSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String feedXml = "";
    private volatile String feedEtag = "\"v0\"";
    private volatile String lastIfNoneMatch;

    LocalSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.xml", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            lastIfNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (feedEtag.equals(lastIfNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", feedEtag);
            respond(exchange, 200, "application/rss+xml; charset=utf-8", feedXml);
        });
        server.createContext("/articles/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            String page = pages.get(exchange.getRequestURI().getPath());
            if (page == null) {
                respond(exchange, 404, "text/html", "<html><body><h1>Not found</h1></body></html>");
            } else {
                respond(exchange, 200, "text/html; charset=utf-8", page);
            }
        });
        server.createContext("/error.xml", exchange -> respond(exchange, 500, "text/plain", "internal error"));
        server.createContext("/broken.xml", exchange -> respond(exchange, 200, "application/rss+xml", "<rss><channel><title>cut"));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code items} (each an RSS {@code <item>} element) as the feed, under a new ETag. */
    void feed(String etag, String... items) {
        feedXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Local News</title><link>%s</link><description>d</description><language>en</language>
                %s
                </channel></rss>
                """.formatted(url("/"), String.join("\n", items));
        feedEtag = etag;
    }

    /** Serves {@code body} at {@code path} with {@code status} and {@code headers}, logging each request. */
    void serve(String path, int status, Map<String, String> headers, String body) {
        server.createContext(path, exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (body == null) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            } else {
                respond(exchange, status, "application/rss+xml; charset=utf-8", body);
            }
        });
    }

    /** An RSS document with {@code channelExtra} in its channel (e.g. {@code <ttl>}) and the given items. */
    String rss(String channelExtra, String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Local News</title><link>%s</link><description>d</description>%s
                %s
                </channel></rss>
                """.formatted(url("/"), channelExtra, String.join("\n", items));
    }

    void page(String path, String html) {
        pages.put(path, html);
    }

    String lastIfNoneMatch() {
        return lastIfNoneMatch;
    }

    List<String> requests() {
        return requests;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
