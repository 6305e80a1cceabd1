package io.newsflow.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Local news sites for load: {@code feeds} RSS feeds, each on a host of its own (an address of 127.0.0.0/8, so that a
 * poller's per-host politeness applies per feed, as it would across publishers), each listing its items newest first,
 * with an article page for every item. With {@code every} zero the whole backlog is there from the start; otherwise the
 * feeds are empty until {@link #begin()}, after which item {@code n} of each feed appears at {@code begin + n * every},
 * so a poller sees a steady stream and the moment each item appeared is known: the start of its freshness.
 * {@link #freeze()} stops new items from appearing.
 */
public final class GeneratedFeeds implements AutoCloseable {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final String[] SOURCES = {"Reuters reports", "according to Bloomberg", "a NATO diplomat said",
            "officials told AP", "the ministry stated", "AFP reported"};

    private final List<HttpServer> servers;
    private final int feeds;
    private final int items;
    private final Duration every;
    private volatile Instant start;
    /** Items per feed that have appeared so far, the highest any response listed. */
    private final AtomicLong[] listed;
    /** Requests for each feed so far. */
    private final AtomicLong[] polled;
    private volatile Instant frozenAt;
    private final AtomicReference<Instant> firstRequestAt = new AtomicReference<>();

    private GeneratedFeeds(List<HttpServer> servers, int feeds, int items, Duration every, Instant start) {
        this.servers = servers;
        this.feeds = feeds;
        this.items = items;
        this.every = every;
        this.start = start;
        this.listed = new AtomicLong[feeds];
        this.polled = new AtomicLong[feeds];
        for (int f = 0; f < feeds; f++) {
            listed[f] = new AtomicLong();
            polled[f] = new AtomicLong();
        }
    }

    /**
     * Starts feed {@code f} on a free port of 127.0.{@code 2 + f / 250}.{@code 1 + f % 250}.
     *
     * @param feeds how many feeds, at most 25,000
     * @param items items per feed, at most
     * @param every time between two items of one feed; zero: all items are there from the start
     */
    public static GeneratedFeeds start(int feeds, int items, Duration every) throws IOException {
        if (feeds < 1 || feeds > 25_000) {
            throw new IllegalArgumentException("feeds must be 1 to 25,000, got " + feeds);
        }
        List<HttpServer> servers = new ArrayList<>();
        GeneratedFeeds site = new GeneratedFeeds(servers, feeds, items, every, every.isZero() ? Instant.now() : null);
        try {
            for (int f = 0; f < feeds; f++) {
                InetAddress host = InetAddress.getByAddress(new byte[]{127, 0, (byte) (2 + f / 250), (byte) (1 + f % 250)});
                HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 100);
                server.createContext("/feed", site::feed);
                server.createContext("/article", site::article);
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.start();
                servers.add(server);
            }
        } catch (IOException e) {
            site.close();
            throw e;
        }
        return site;
    }

    private String base(int feed) {
        InetSocketAddress address = servers.get(feed).getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    public String feedUrl(int feed) {
        return base(feed) + "/feed/" + feed;
    }

    public List<String> feedUrls() {
        List<String> urls = new ArrayList<>();
        for (int f = 0; f < feeds; f++) {
            urls.add(feedUrl(f));
        }
        return urls;
    }

    /** An OPML list of the feeds, as ingest-service reads it from {@code NEWSFLOW_FEEDS}. */
    public String opml() {
        StringBuilder opml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\"><head><title>generated</title></head><body>\n");
        for (int f = 0; f < feeds; f++) {
            opml.append("  <outline text=\"Generated ").append(f).append("\" xmlUrl=\"").append(feedUrl(f)).append("\"/>\n");
        }
        return opml.append("</body></opml>\n").toString();
    }

    /** When the first feed request came: the start of a poller's work. */
    public Instant firstRequestAt() {
        return firstRequestAt.get();
    }

    /** Starts the stream: item {@code n} of each feed appears {@code n * every} from now. */
    public void begin() {
        start = Instant.now();
    }

    /** Whether every feed has been asked for at least {@code times} times: a poller that has them all in its schedule. */
    public boolean allPolled(int times) {
        for (AtomicLong count : polled) {
            if (count.get() < times) {
                return false;
            }
        }
        return true;
    }

    /** No item appears after this call; the feeds keep answering with what they listed. */
    public void freeze() {
        frozenAt = Instant.now();
    }

    /** The link of every item any feed has listed so far. */
    public List<String> listedArticleUrls() {
        List<String> urls = new ArrayList<>();
        for (int f = 0; f < feeds; f++) {
            for (long n = 0; n < listed[f].get(); n++) {
                urls.add(articleUrl(f, n));
            }
        }
        return urls;
    }

    /** When each listed item appeared in its feed, by its link. */
    public Map<String, Instant> appearedAt() {
        Map<String, Instant> appeared = new HashMap<>();
        for (int f = 0; f < feeds; f++) {
            for (long n = 0; n < listed[f].get(); n++) {
                appeared.put(articleUrl(f, n), appearance(n));
            }
        }
        return appeared;
    }

    public String articleUrl(int feed, long n) {
        return base(feed) + "/article/" + feed + "/" + n;
    }

    private Instant appearance(long n) {
        return start.plus(every.multipliedBy(n));
    }

    /** Items of a feed visible at {@code now}. */
    private long visible(Instant now) {
        Instant start = this.start;
        if (start == null) {
            return 0;
        }
        Instant frozen = frozenAt;
        Instant at = frozen != null && frozen.isBefore(now) ? frozen : now;
        if (every.isZero()) {
            return items;
        }
        return Math.min(items, Duration.between(start, at).dividedBy(every) + 1);
    }

    private void feed(HttpExchange exchange) throws IOException {
        int f = index(exchange, "/feed/");
        if (f < 0 || f >= feeds) {
            empty(exchange, 404);
            return;
        }
        Instant now = Instant.now();
        firstRequestAt.compareAndSet(null, now);
        polled[f].incrementAndGet();
        long count = visible(now);
        listed[f].accumulateAndGet(count, Math::max);
        StringBuilder rss = new StringBuilder(256 + (int) count * 320)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Generated ")
                .append(f).append("</title><link>").append(base(f)).append("</link><description>load</description>\n");
        for (long n = count - 1; n >= 0; n--) {
            rss.append("<item><title>").append(title(f, n)).append("</title><link>").append(articleUrl(f, n))
                    .append("</link><guid>").append(articleUrl(f, n)).append("</guid><description>Summary of story ").append(n)
                    .append(" of feed ").append(f).append(".</description><pubDate>")
                    .append(RFC_1123.format(appearance(n).atOffset(ZoneOffset.UTC))).append("</pubDate></item>\n");
        }
        send(exchange, "application/rss+xml; charset=utf-8", rss.append("</channel></rss>\n").toString());
    }

    private void article(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().substring("/article/".length()).split("/");
        if (parts.length != 2) {
            empty(exchange, 404);
            return;
        }
        int f = Integer.parseInt(parts[0]);
        long n = Long.parseLong(parts[1]);
        StringBuilder body = new StringBuilder();
        for (int p = 0; p < 8; p++) {
            body.append("<p>Port officials in city ").append(n % 97).append(" expect cargo volume to change by ").append(p + n % 13)
                    .append(" percent this quarter, ").append(SOURCES[(int) ((n + p) % SOURCES.length)])
                    .append(". The harbour authority of region ").append(f).append(" said talks with shipping lines continue. ")
                    .append("Analysts in the capital described the outlook as cautious but stable.</p>\n");
        }
        send(exchange, "text/html; charset=utf-8", """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%1$s</title>
                <meta property="og:site_name" content="Generated %2$d"></head><body>
                <article><h1>%1$s</h1><p class="byline">By Reporter %3$d</p>%4$s</article></body></html>
                """.formatted(title(f, n), f, n % 17, body));
    }

    private static String title(int f, long n) {
        return "Harbour story " + n + " from feed " + f;
    }

    private static int index(HttpExchange exchange, String prefix) {
        try {
            return Integer.parseInt(exchange.getRequestURI().getPath().substring(prefix.length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void empty(HttpExchange exchange, int status) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
    }
}
