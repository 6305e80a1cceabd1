package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.fetch.PageFetcher;
import io.newsflow.ingest.fetch.RobotsRules;
import io.newsflow.ingest.state.FeedState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When a poll says the feed is next due: server hints, posting frequency, backoff, network down, moves. */
class FeedScheduleTest {

    private static final Instant T0 = Instant.parse("2024-05-14T10:00:00Z");
    private static final PollSchedule SCHEDULE = new PollSchedule(Duration.ofMinutes(10), Duration.ofMinutes(1),
            Duration.ofHours(6), Duration.ofHours(6), Duration.ofMinutes(2));

    private LocalSite site;
    private RecordingPublisher publisher;
    private NetworkWatch network;
    private FeedPoller poller;

    @BeforeEach
    void setUp() throws IOException {
        site = new LocalSite();
        publisher = new RecordingPublisher();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        network = new NetworkWatch(clock, Duration.ofMinutes(1), 2);
        HttpFetcher http = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 3, true, "newsflow-test"));
        poller = new FeedPoller(http, new FeedParser(), new PageFetcher(http, new RobotsRules(http, Clock.systemUTC(), Duration.ofHours(1))), new ArticleExtractor(), new ArticleAssembler(),
                publisher, clock, new SimpleMeterRegistry(), SCHEDULE, network);
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private FeedState poll(String path, FeedState before) {
        FeedSubscription feed = FeedSubscription.of(site.url(path), null, null);
        return poller.poll(feed, before != null ? before : FeedState.initial(feed.id(), feed.url()));
    }

    private static Duration wait(FeedState state) {
        return Duration.between(T0, state.nextCheckAt());
    }

    // Expires is covered by FetchResponseTest: the JDK's test server sets a Date header of its own.
    @Test
    void a_good_poll_comes_back_after_the_interval_or_later_when_the_feed_or_server_says_so() {
        site.serve("/plain.xml", 200, Map.of(), site.rss(""));
        site.serve("/ttl.xml", 200, Map.of(), site.rss("<ttl>120</ttl>"));
        site.serve("/cached.xml", 200, Map.of("Cache-Control", "public, max-age=1800"), site.rss(""));
        site.serve("/day-long.xml", 200, Map.of(), site.rss("<ttl>1440</ttl>"));
        site.serve("/not-modified.xml", 304, Map.of("Cache-Control", "max-age=900"), null);
        // Items eight hours apart: a quarter of that gap is two hours.
        site.serve("/slow.xml", 200, Map.of(), site.rss("",
                "<item><title>a</title><pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate></item>",
                "<item><title>b</title><pubDate>Tue, 14 May 2024 00:00:00 GMT</pubDate></item>",
                "<item><title>c</title><pubDate>Mon, 13 May 2024 16:00:00 GMT</pubDate></item>"));

        assertThat(wait(poll("/plain.xml", null))).isEqualTo(Duration.ofMinutes(10));
        assertThat(wait(poll("/ttl.xml", null))).isEqualTo(Duration.ofHours(2));
        assertThat(wait(poll("/cached.xml", null))).isEqualTo(Duration.ofMinutes(30));
        assertThat(wait(poll("/day-long.xml", null))).as("within the longest interval").isEqualTo(Duration.ofHours(6));
        assertThat(wait(poll("/not-modified.xml", null))).isEqualTo(Duration.ofMinutes(15));
        assertThat(wait(poll("/slow.xml", null))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void failures_back_off_exponentially_up_to_the_ceiling_and_keep_being_retried_there() {
        site.serve("/down.xml", 500, Map.of(), "oops");

        FeedState state = null;
        StringBuilder waits = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            state = poll("/down.xml", state);
            waits.append(wait(state).toMinutes()).append(' ');
        }

        assertThat(waits.toString().strip()).isEqualTo("10 20 40 80 160 320 360 360");
        assertThat(state.consecutiveFailures()).isEqualTo(8);
        assertThat(state.health()).isEqualTo(FeedState.Health.FAILING);
        assertThat(state.failingSince()).isEqualTo(T0);
    }

    @Test
    void retry_after_of_a_429_or_503_is_honoured_up_to_the_ceiling() {
        site.serve("/limited.xml", 429, Map.of("Retry-After", "7200"), "slow down");
        site.serve("/unavailable.xml", 503, Map.of("Retry-After", "Tue, 14 May 2024 23:00:00 GMT"), "maintenance");

        FeedState limited = poll("/limited.xml", null);
        FeedState unavailable = poll("/unavailable.xml", null);

        assertThat(wait(limited)).isEqualTo(Duration.ofHours(2));
        assertThat(limited.lastError()).contains("HTTP 429").contains("retry after 7200 s");
        assertThat(limited.health()).isEqualTo(FeedState.Health.BACKING_OFF);
        assertThat(wait(unavailable)).as("13 h asked, the ceiling is 6 h").isEqualTo(Duration.ofHours(6));
    }

    @Test
    void when_feeds_on_many_hosts_fail_at_once_the_failures_are_not_counted_against_them() {
        FeedSubscription first = FeedSubscription.of("http://127.0.0.1:1/feed.xml", null, null);
        FeedSubscription second = FeedSubscription.of("http://127.0.0.2:1/feed.xml", null, null);

        FeedState one = poller.poll(first, FeedState.initial(first.id(), first.url()));
        FeedState two = poller.poll(second, FeedState.initial(second.id(), second.url()));

        assertThat(one.consecutiveFailures()).as("one host failing is that feed's problem").isEqualTo(1);
        assertThat(two.consecutiveFailures()).as("a second host failing with no response anywhere: our network").isZero();
        assertThat(two.lastStatus()).isEqualTo("error: network down");
        assertThat(wait(two)).isEqualTo(Duration.ofMinutes(2));

        site.serve("/plain.xml", 200, Map.of(), site.rss(""));
        poll("/plain.xml", null);
        FeedState again = poller.poll(second, two);
        assertThat(again.consecutiveFailures()).as("once a host answers, failures count again").isEqualTo(1);
    }

    @Test
    void a_permanent_redirect_moves_the_feed_and_later_polls_go_to_its_new_address() {
        site.serve("/new.xml", 200, Map.of(), site.rss(""));
        site.serve("/old.xml", 301, Map.of("Location", site.url("/new.xml")), null);

        FeedState moved = poll("/old.xml", null);
        FeedState next = poll("/old.xml", moved);

        assertThat(moved.movedTo()).isEqualTo(site.url("/new.xml"));
        assertThat(next.movedTo()).isEqualTo(site.url("/new.xml"));
        assertThat(next.feedUrl()).isEqualTo(site.url("/old.xml"));
        assertThat(site.requests()).containsExactly("/old.xml", "/new.xml", "/new.xml");
    }
}
