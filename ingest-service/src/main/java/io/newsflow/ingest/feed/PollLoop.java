package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.publish.FatalPublishException;
import io.newsflow.ingest.state.FeedState;
import io.newsflow.ingest.state.FeedStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Polls the subscribed feeds, up to {@code concurrency} at a time, each poll on a virtual thread. A dispatcher thread
 * re-reads the subscriptions, starts a poll of every due feed that is not being polled already (interleaving hosts,
 * so that one host's politeness budget does not hold every slot), then sleeps until the next feed is due, a poll ends,
 * or {@code refreshEvery} passed. A feed is due when its state says so ({@link FeedState#dueAt}).
 * <p>
 * Nothing a feed does stops the loop; {@link #stop} ends it promptly by interrupting whatever it waits for. Anything
 * else that ends it (a {@link FatalPublishException}, a bug) completes the failure, since the process would otherwise
 * stay up with nothing polled.
 */
public final class PollLoop {

    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);
    /** How long running polls may go on after {@link #stop} before they are interrupted. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final SubscriptionSource source;
    private final FeedStates states;
    private final FeedPoller poller;
    private final PollSchedule schedule;
    private final Duration refreshEvery;
    private final Clock clock;
    private final CompletableFuture<Throwable> failure;
    private final Semaphore slots;
    private final Thread thread;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ingest-poll-", 0).factory());
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();
    private final Object wakeUp = new Object();
    private boolean woken; // guarded by wakeUp: a wake-up that came while the loop was not waiting is not lost
    private volatile boolean stopping;

    /**
     * @param concurrency  feeds polled at the same time
     * @param refreshEvery longest time between two reads of the subscriptions
     * @param failure      completed with the cause if the loop ends for any other reason than {@link #stop}
     */
    public PollLoop(SubscriptionSource source, FeedStates states, FeedPoller poller, PollSchedule schedule,
                    int concurrency, Duration refreshEvery, Clock clock, CompletableFuture<Throwable> failure) {
        this.source = source;
        this.states = states;
        this.poller = poller;
        this.schedule = schedule;
        this.refreshEvery = refreshEvery;
        this.clock = clock;
        this.failure = failure;
        this.slots = new Semaphore(concurrency);
        this.thread = new Thread(this::run, "ingest-poll");
    }

    public void start() {
        thread.start();
    }

    /**
     * Stops the loop and waits for it to end, at most {@code timeout}. Polls running are given a short grace to end
     * by themselves, so that a transaction being committed is not cut off (it would stay open on the broker, and
     * hold up the instance taking the feed over, until the transaction timeout); then they are interrupted. Returns
     * whether everything ended.
     */
    public boolean stop(Duration timeout) {
        stopping = true;
        thread.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(Math.min(STOP_GRACE.toMillis(), timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
            thread.join(timeout);
            return !thread.isAlive() && workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the loop still runs: false after {@link #stop} or after an error ended it. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Feeds being polled right now. */
    public int polling() {
        return inFlight.size();
    }

    /**
     * Waits until none of {@code feedIds} is being polled, at most {@code timeout}; the feeds must no longer be
     * {@linkplain SubscriptionSource#owns owned}, so that no new poll of them starts. Returns whether they are idle.
     */
    public boolean awaitIdle(Collection<String> feedIds, Duration timeout) {
        List<CompletableFuture<Void>> running = feedIds.stream().map(inFlight::get).filter(f -> f != null).toList();
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true; // a failed poll is an ended poll
        }
    }

    /** Makes the loop look at the subscriptions now, e.g. after feeds were assigned to this instance. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private void run() {
        List<FeedSubscription> feeds = List.of();
        try {
            while (!stopping) {
                feeds = refresh(feeds);
                for (FeedSubscription feed : interleavedByHost(due(feeds))) {
                    slots.acquire();
                    if (!dispatch(feed)) {
                        slots.release();
                    }
                    checkWorkers();
                }
                checkWorkers();
                sleepUntil(nextWake(feeds));
                checkWorkers();
            }
        } catch (FatalPublishException e) {
            fail(e.getMessage(), e);
        } catch (InterruptedException e) {
            if (!stopping) { // stop() interrupts: that end is no failure
                fail("the poll thread was interrupted", e);
            }
        } catch (RuntimeException | Error e) {
            fail(e.toString(), e);
        } finally {
            if (!stopping) {
                workers.shutdownNow();
            }
        }
    }

    /** Starts a poll of {@code feed} unless it is no longer this instance's; returns whether it started. */
    private boolean dispatch(FeedSubscription feed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Registered before the ownership check: a revocation that removes ownership first and then awaits the
        // feed's poll either sees this poll or is seen by the check.
        if (inFlight.putIfAbsent(feed.id(), done) != null) {
            return false;
        }
        if (!source.owns(feed.id())) {
            inFlight.remove(feed.id());
            done.complete(null);
            return false;
        }
        FeedState before = states.get(feed.id(), feed.url());
        workers.execute(() -> {
            try {
                states.put(poller.poll(feed, before));
            } catch (Throwable e) {
                workerFailure.compareAndSet(null, e);
            } finally {
                inFlight.remove(feed.id());
                done.complete(null);
                slots.release();
                wake();
            }
        });
        return true;
    }

    private void checkWorkers() {
        Throwable e = workerFailure.get();
        if (e instanceof FatalPublishException fatal) {
            throw fatal;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
    }

    private List<FeedSubscription> due(List<FeedSubscription> feeds) {
        Instant now = clock.instant();
        List<FeedSubscription> due = new ArrayList<>();
        for (FeedSubscription feed : feeds) {
            if (!inFlight.containsKey(feed.id())
                    && !states.get(feed.id(), feed.url()).dueAt(schedule.intervalOf(feed)).isAfter(now)) {
                due.add(feed);
            }
        }
        return due;
    }

    /** One feed of each host in turn, so that many feeds of one host do not take every slot while waiting on its budget. */
    static List<FeedSubscription> interleavedByHost(List<FeedSubscription> feeds) {
        Map<String, Deque<FeedSubscription>> byHost = new LinkedHashMap<>();
        for (FeedSubscription feed : feeds) {
            byHost.computeIfAbsent(hostOf(feed), h -> new ArrayDeque<>()).add(feed);
        }
        List<FeedSubscription> out = new ArrayList<>(feeds.size());
        while (out.size() < feeds.size()) {
            for (Deque<FeedSubscription> queue : byHost.values()) {
                if (!queue.isEmpty()) {
                    out.add(queue.poll());
                }
            }
        }
        return out;
    }

    private static String hostOf(FeedSubscription feed) {
        try {
            String host = URI.create(feed.url()).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return "";
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
            if (inFlight.containsKey(feed.id())) {
                continue;
            }
            Instant due = states.get(feed.id(), feed.url()).dueAt(schedule.intervalOf(feed));
            if (due.isBefore(wake)) {
                wake = due;
            }
        }
        return wake;
    }

    private void sleepUntil(Instant wake) throws InterruptedException {
        Instant now = clock.instant();
        synchronized (wakeUp) {
            if (!woken && wake.isAfter(now)) {
                wakeUp.wait(Math.max(1, Duration.between(now, wake).toMillis()));
            }
            woken = false;
        }
    }
}
