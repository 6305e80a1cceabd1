package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.publish.FatalPublishException;
import io.newsflow.ingest.state.FeedStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class PollLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LocalSite site;
    private RecordingPublisher publisher;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private PollLoop loop;

    @BeforeEach
    void setUp() throws IOException {
        site = new LocalSite();
        site.page("/articles/a", FeedPollerTest.page("https://local.example/a", "A", "<p>Story A is long enough to count.</p>"));
        site.feed("\"v1\"", FeedPollerTest.item("A", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "A."));
        publisher = new RecordingPublisher();
    }

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.stop(WAIT);
        }
        site.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private PollLoop loop(SubscriptionSource source) {
        return new PollLoop(source, new FeedStates(), FeedPollerTest.poller(publisher, new SimpleMeterRegistry()),
                FeedPollerTest.SCHEDULE, 4, Duration.ofMillis(100), Clock.systemUTC(), failure);
    }

    private boolean published(FeedSubscription feed) {
        return publisher.publications.stream().anyMatch(p -> p.state().feedId().equals(feed.id()));
    }

    @Test
    void polls_due_feeds_picks_up_new_subscriptions_survives_a_failing_source_and_stops_promptly() throws InterruptedException {
        FeedSubscription good = FeedSubscription.of(site.url("/feed.xml"), null, null);
        FeedSubscription failing = FeedSubscription.of(site.url("/error.xml"), null, null);
        List<FeedSubscription> subscribed = new CopyOnWriteArrayList<>(List.of(good));
        AtomicInteger reads = new AtomicInteger();
        loop = loop(() -> {
            // The second read fails, as when Kafka is briefly away; the loop must go on with what it knew.
            if (reads.incrementAndGet() == 2) {
                throw new IllegalStateException("could not read topic news.feeds to its end");
            }
            return List.copyOf(subscribed);
        });

        loop.start();
        await("the first feed is polled", () -> published(good));
        subscribed.add(failing);
        await("the feed added while running is polled", () -> published(failing));

        assertThat(reads.get()).isGreaterThan(2);
        assertThat(publisher.publications).filteredOn(p -> p.state().feedId().equals(good.id())).hasSize(1);
        assertThat(loop.isRunning()).isTrue();
        // The loop now sleeps towards the next due time, an hour away; stopping must not wait for it.
        assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(loop.isRunning()).isFalse();
        assertThat(failure).as("stopping is no failure").isNotDone();
    }

    private long polls(FeedSubscription feed) {
        return publisher.publications.stream().filter(p -> p.state().feedId().equals(feed.id())).count();
    }

    @Test
    void a_feed_with_its_own_interval_is_polled_at_it_and_the_others_at_the_configured_one() throws InterruptedException {
        FeedSubscription often = FeedSubscription.of(site.url("/feed.xml"), null, null, Duration.ofMillis(200));
        FeedSubscription usual = FeedSubscription.of(site.url("/error.xml"), null, null);
        loop = loop(() -> List.of(often, usual));

        loop.start();
        await("the feed with an interval of 200 ms is polled three times", () -> polls(often) >= 3);

        assertThat(polls(usual)).as("the other feed's next poll is the configured hour away").isEqualTo(1);
    }

    @Test
    void a_fatal_publishing_error_ends_the_loop_and_completes_the_failure() throws Exception {
        FatalPublishException fenced = new FatalPublishException("another producer with transactional id ingest-1 fenced this one", null);
        publisher.failWith = fenced;
        FeedSubscription feed = FeedSubscription.of(site.url("/feed.xml"), null, null);
        loop = loop(() -> List.of(feed));

        loop.start();

        Throwable cause = failure.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(cause).hasMessage("feed polling stopped: another producer with transactional id ingest-1 fenced this one;"
                + " no feed is polled until ingest-service restarts").hasCause(fenced);
        await("the loop ends", () -> !loop.isRunning());
        assertThat(publisher.publications).isEmpty();
    }

    @Test
    void any_other_error_that_ends_the_loop_completes_the_failure() throws Exception {
        IllegalStateException closed = new IllegalStateException("Cannot perform operation after producer has been closed");
        publisher.failWith = closed;
        FeedSubscription feed = FeedSubscription.of(site.url("/feed.xml"), null, null);
        loop = loop(() -> List.of(feed));

        loop.start();

        assertThat(failure.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasMessageContaining(closed.getMessage()).hasCause(closed);
        await("the loop ends", () -> !loop.isRunning());
    }

    @Test
    void feeds_are_polled_concurrently_one_host_after_another_in_turn() throws Exception {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<HttpServer> servers = new ArrayList<>();
        List<FeedSubscription> feeds = new ArrayList<>();
        try {
            for (String address : List.of("127.0.0.2", "127.0.0.3")) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.createContext("/", exchange -> {
                    most.accumulateAndGet(current.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    current.decrementAndGet();
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                });
                server.start();
                servers.add(server);
                for (int i = 0; i < 3; i++) {
                    feeds.add(FeedSubscription.of("http://" + address + ":" + server.getAddress().getPort() + "/feed" + i, null, null));
                }
            }
            loop = loop(() -> feeds);

            loop.start();
            await("every feed is polled", () -> feeds.stream().allMatch(this::published));

            assertThat(most.get()).as("feeds polled at the same time").isGreaterThan(1);
        } finally {
            servers.forEach(server -> server.stop(0));
        }
        assertThat(PollLoop.interleavedByHost(feeds)).extracting(FeedSubscription::url)
                .containsExactly(feeds.get(0).url(), feeds.get(3).url(), feeds.get(1).url(), feeds.get(4).url(), feeds.get(2).url(), feeds.get(5).url());
    }
}
