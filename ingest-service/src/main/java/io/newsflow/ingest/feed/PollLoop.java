package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.publish.FatalPublishException;
import io.newsflow.ingest.state.FeedState;
import io.newsflow.ingest.state.FeedStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Polls the subscribed feeds on one thread: each round re-reads the subscriptions, polls every feed that is due
 * (never polled, or last polled one interval ago: the feed's own interval if its subscription gives one, else the
 * configured one), then sleeps until the next feed is due, waking at least every
 * {@code refreshEvery} to pick up new subscriptions. Nothing a feed does stops the loop; {@link #stop} ends it
 * promptly by interrupting whatever it waits for. Anything else that ends it (a {@link FatalPublishException}, a bug)
 * completes the failure, since the process would otherwise stay up with nothing polled.
 */
public final class PollLoop {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

    private final SubscriptionSource source;
    private final FeedStates states;
    private final FeedPoller poller;
    private final Duration interval;
    private final Duration refreshEvery;
    private final Clock clock;
    private final CompletableFuture<Throwable> failure;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param interval     time between two polls of a feed whose subscription gives no interval
     * @param refreshEvery longest time between two reads of the subscriptions
     * @param failure      completed with the cause if the loop ends for any other reason than {@link #stop}
     */
    public PollLoop(SubscriptionSource source, FeedStates states, FeedPoller poller, Duration interval,
                    Duration refreshEvery, Clock clock, CompletableFuture<Throwable> failure) {
        this.source = source;
        this.states = states;
        this.poller = poller;
        this.interval = interval;
        this.refreshEvery = refreshEvery;
        this.clock = clock;
        this.failure = failure;
        this.thread = new Thread(this::run, "ingest-poll");
    }

    public void start() {
        thread.start();
    }

    /** Stops the loop and waits for it to end, at most {@code timeout}. Returns whether it ended. */
    public boolean stop(Duration timeout) {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Whether the loop still runs: false after {@link #stop} or after an error ended it. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void run() {
        List<FeedSubscription> feeds = List.of();
        try {
            while (!stopping) {
                feeds = refresh(feeds);
                Instant roundStart = clock.instant();
                for (FeedSubscription feed : feeds) {
                    if (stopping) {
                        return;
                    }
                    FeedState state = states.get(feed.id(), feed.url());
                    if (!state.dueAt(feed.pollIntervalOr(interval)).isAfter(roundStart)) {
                        states.put(poller.poll(feed, state));
                    }
                }
                sleepUntil(nextWake(feeds));
            }
        } catch (FatalPublishException e) {
            fail(e.getMessage(), e);
        } catch (InterruptedException e) {
            if (!stopping) { // stop() interrupts: that end is no failure
                fail("the poll thread was interrupted", e);
            }
        } catch (RuntimeException | Error e) {
            fail(e.toString(), e);
        }
    }

    private void fail(String reason, Throwable cause) {
        if (stopping) {
            log.warn("polling ended with an error while stopping: {}", reason);
        } else {
            failure.complete(new IllegalStateException("feed polling stopped: " + reason
                    + "; no feed is polled until ingest-service restarts", cause));
        }
    }

    private List<FeedSubscription> refresh(List<FeedSubscription> known) {
        try {
            List<FeedSubscription> current = source.subscriptions();
            if (current.size() != known.size()) {
                log.info("{} feeds subscribed", current.size());
            }
            return current;
        } catch (RuntimeException e) {
            log.warn("cannot read the subscriptions, polling the {} known feeds: {}", known.size(), e.getMessage());
            return known;
        }
    }

    private Instant nextWake(List<FeedSubscription> feeds) {
        Instant wake = clock.instant().plus(refreshEvery);
        for (FeedSubscription feed : feeds) {
            Instant due = states.get(feed.id(), feed.url()).dueAt(feed.pollIntervalOr(interval));
            if (due.isBefore(wake)) {
                wake = due;
            }
        }
        return wake;
    }

    private void sleepUntil(Instant wake) throws InterruptedException {
        Instant now = clock.instant();
        if (wake.isAfter(now)) {
            Thread.sleep(Duration.between(now, wake).toMillis());
        }
    }
}
