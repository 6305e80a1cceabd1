package io.newsflow.ingest.fetch;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.HttpFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RobotsRulesTest {

    private HttpServer polite;
    private HttpServer broken;
    private final AtomicInteger robotsFetches = new AtomicInteger();
    private HttpFetcher http;

    @BeforeEach
    void setUp() throws IOException {
        polite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        polite.createContext("/robots.txt", exchange -> {
            robotsFetches.incrementAndGet();
            respond(exchange, 200, "User-agent: newsflow\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n");
        });
        polite.createContext("/", exchange -> respond(exchange, 200, "<html><body><p>page</p></body></html>"));
        polite.start();
        broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/robots.txt", exchange -> respond(exchange, 500, "oops"));
        broken.start();
        http = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 3, true,
                "Newsflow/0.1 (+https://newsflow.example/contact)"));
    }

    @AfterEach
    void tearDown() {
        polite.stop(0);
        broken.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 && body.startsWith("<") ? "text/html" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI at(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void the_rules_for_our_user_agent_apply_and_are_fetched_once_per_site() {
        RobotsRules robots = new RobotsRules(http, Clock.systemUTC(), Duration.ofHours(1));

        assertThat(robots.allows(at(polite, "/news/a"))).as("only /private/ is closed to newsflow").isTrue();
        assertThat(robots.allows(at(polite, "/private/b"))).isFalse();
        assertThat(robots.allows(at(polite, "/news/c"))).isTrue();
        assertThat(robotsFetches.get()).isEqualTo(1);
    }

    @Test
    void a_robots_txt_that_fails_disallows_everything_and_a_missing_one_allows_everything() throws IOException {
        RobotsRules robots = new RobotsRules(http, Clock.systemUTC(), Duration.ofHours(1));
        HttpServer without = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        without.start();
        try {
            assertThat(robots.allows(at(broken, "/news/a"))).isFalse();
            assertThat(robots.allows(at(without, "/news/a"))).as("404 for robots.txt").isTrue();
        } finally {
            without.stop(0);
        }
    }

    @Test
    void a_crawl_delay_spaces_the_page_fetches_up_to_the_longest_kept_to_and_one_beyond_5_minutes_disallows_all() throws Exception {
        List<Long> pageStarts = new CopyOnWriteArrayList<>();
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        slow.createContext("/robots.txt", exchange -> respond(exchange, 200, "User-agent: *\nCrawl-delay: 20\n"));
        slow.createContext("/", exchange -> {
            pageStarts.add(System.nanoTime());
            respond(exchange, 200, "<html><body><p>page</p></body></html>");
        });
        slow.start();
        HttpServer slowest = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0), 0);
        slowest.createContext("/robots.txt", exchange -> respond(exchange, 200, "User-agent: *\nCrawl-delay: 600\n"));
        slowest.start();
        try {
            HttpFetcher keepingHalfASecond = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024,
                    3, true, "Newsflow/0.1", List.of(), 2, Duration.ZERO, Duration.ofMillis(500)));
            PageFetcher pages = new PageFetcher(keepingHalfASecond, new RobotsRules(keepingHalfASecond, Clock.systemUTC(), Duration.ofHours(1)));
            String site = "http://127.0.0.2:" + slow.getAddress().getPort();

            for (int i = 0; i < 3; i++) {
                pages.fetch(URI.create(site + "/news/" + i));
            }

            assertThat(pageStarts).hasSize(3);
            for (int i = 1; i < 3; i++) {
                assertThat(Duration.ofNanos(pageStarts.get(i) - pageStarts.get(i - 1))).as("the Crawl-delay of 20 s, cut to 0.5 s")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(450));
            }
            assertThat(new RobotsRules(keepingHalfASecond, Clock.systemUTC(), Duration.ofHours(1))
                    .allows(URI.create("http://127.0.0.3:" + slowest.getAddress().getPort() + "/news/a"))).isFalse();
        } finally {
            slow.stop(0);
            slowest.stop(0);
        }
    }

    @Test
    void the_page_fetcher_refuses_a_disallowed_page_without_fetching_it() {
        PageFetcher pages = new PageFetcher(http, new RobotsRules(http, Clock.systemUTC(), Duration.ofHours(1)));

        assertThatThrownBy(() -> pages.fetch(at(polite, "/private/b")))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("robots.txt disallows")
                .extracting(e -> ((FetchException) e).reason()).isEqualTo(FetchException.Reason.ROBOTS_DISALLOWED);
    }
}
