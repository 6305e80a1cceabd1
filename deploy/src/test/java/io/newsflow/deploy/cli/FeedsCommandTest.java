package io.newsflow.deploy.cli;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.state.FeedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The feeds commands where they need no Kafka: refusals made before connecting, a Kafka that does not answer, the table. */
class FeedsCommandTest {

    /** Nothing listens here, so a command that got as far as connecting would wait for its whole timeout. */
    private static final String NO_KAFKA = "127.0.0.1:1";

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FeedsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void says_clearly_when_kafka_does_not_answer_within_the_timeout() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        Result result = run("list", "--kafka", "127.0.0.1:" + port, "--timeout", "2s");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("newsflow feeds list: Kafka at 127.0.0.1:" + port
                + " did not answer within 2 s: is it running?");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void add_refuses_a_url_that_is_no_feed_address_before_connecting() {
        Result result = run("add", "example.com/rss", "--kafka", NO_KAFKA, "--timeout", "10m");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("newsflow feeds add: \"example.com/rss\" is not an absolute http(s) URL;"
                + " give the feed's full address, e.g. https://example.com/rss" + System.lineSeparator());
    }

    @Test
    void an_interval_that_is_no_positive_duration_is_a_usage_error() {
        Result result = run("add", "https://example.com/rss", "--interval", "5 minutes", "--kafka", NO_KAFKA);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("'--interval'", "\"5 minutes\" is not a positive duration such as 30s, 5m, 2h or PT5M");
    }

    @Test
    void import_reports_a_bad_feed_list_before_connecting(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("feeds.json"), "[]");

        Result result = run("import", empty.toString(), "--kafka", NO_KAFKA, "--timeout", "10m");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("newsflow feeds import: feed list " + empty + " lists no feeds");
    }

    @Test
    void export_refuses_a_format_that_import_would_not_read_from_that_file_name() {
        Result result = run("export", "--format", "json", "feeds.opml", "--kafka", NO_KAFKA, "--timeout", "10m");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("--format json does not fit the name feeds.opml");
    }

    @Test
    void the_list_shows_each_feeds_health_and_the_last_error_of_failing_feeds() {
        FeedSubscription fresh = FeedSubscription.of("https://a.example/rss", null, null);
        FeedSubscription healthy = FeedSubscription.of("https://b.example/rss", "B News", "B Media", Duration.ofMinutes(5));
        FeedSubscription failing = FeedSubscription.of("https://c.example/rss", null, null);
        Instant polled = Instant.parse("2024-05-14T09:30:00.123Z");
        FeedState ok = new FeedState(healthy.id(), healthy.url(), "\"e1\"", null, Set.of(), 10, 0, "ok", null, polled, 42, polled.plusSeconds(300), null, null, Map.of());
        FeedState error = new FeedState(failing.id(), failing.url(), null, null, Set.of(), 3, 3, "http 503", "feed answered HTTP 503", polled, 0,
                polled.plusSeconds(3600), Instant.parse("2024-05-14T08:00:00Z"), null, Map.of());

        String table = FeedsCommand.ListFeeds.table(List.of(fresh, healthy, failing), Map.of(healthy.id(), ok, failing.id(), error));

        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).matches("ID +HEALTH +STATUS +LAST POLLED +NEXT POLL +FAILURES +ARTICLES +INTERVAL +URL +TITLE +PUBLISHER");
        assertThat(lines.get(1)).matches(FeedsCommand.shortId(fresh.id()) + " +ok +never polled +- +- +0 +0 +default +https://a.example/rss +- +-");
        assertThat(lines.get(2)).matches(FeedsCommand.shortId(healthy.id())
                + " +ok +ok +2024-05-14T09:30:00Z +2024-05-14T09:35:00Z +0 +42 +5m +https://b.example/rss +B News +B Media");
        assertThat(lines.get(3)).matches(FeedsCommand.shortId(failing.id())
                + " +failing since 2024-05-14T08:00:00Z +http 503 +2024-05-14T09:30:00Z +2024-05-14T10:30:00Z +3 +0 +default"
                + " +https://c.example/rss +- +-");
        assertThat(lines.subList(4, lines.size())).containsExactly("3 feeds",
                "failing: " + FeedsCommand.shortId(failing.id()) + " https://c.example/rss: feed answered HTTP 503");
        // Columns line up: every value starts where its header does.
        int statusColumn = lines.getFirst().indexOf("STATUS");
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line.charAt(statusColumn - 1)).isEqualTo(' '))
                .allSatisfy(line -> assertThat(line.charAt(statusColumn)).isNotEqualTo(' '));
    }

    @Test
    void discover_lists_the_feeds_a_home_page_announces_and_refuses_private_addresses_unless_allowed() throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        site.createContext("/", exchange -> {
            boolean home = exchange.getRequestURI().getPath().equals("/");
            byte[] body = (home
                    ? "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" title=\"Main\" href=\"/rss\"></head></html>"
                    : "<rss version=\"2.0\"><channel><title>t</title><link>" + base + "</link><description>d</description></channel></rss>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", home ? "text/html" : "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            Result found = run("discover", base + "/", "--allow-private");
            Result refused = run("discover", base + "/");

            assertThat(found.exit()).as(found.err()).isZero();
            assertThat(found.out()).isEqualTo("rss_2.0  " + base + "/rss  Main\n");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("refused to fetch from private address 127.0.0.1");
        } finally {
            site.stop(0);
        }
    }
}
