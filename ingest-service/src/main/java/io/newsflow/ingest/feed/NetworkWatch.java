package io.newsflow.ingest.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this instance's network being down from feeds being broken: when, within a window, fetches to at least
 * {@code minHosts} different hosts failed at the transport level (refused, timed out, unknown host) and no fetch to
 * any host got a response, the fault is most likely ours, and feeds should not be backed off for it. Thread-safe.
 */
public final class NetworkWatch {

    private final Clock clock;
    private final Duration window;
    private final int minHosts;
    private final Map<String, Instant> lastFailureByHost = new ConcurrentHashMap<>();
    private volatile Instant lastResponse = Instant.MIN;

    public NetworkWatch(Clock clock, Duration window, int minHosts) {
        this.clock = clock;
        this.window = window;
        this.minHosts = minHosts;
    }

    /** A fetch to {@code host} got a response (any status). */
    public void responded(String host) {
        lastResponse = clock.instant();
        lastFailureByHost.remove(host);
    }

    /** A fetch to {@code host} got no response for a transport reason. */
    public void unreachable(String host) {
        lastFailureByHost.put(host, clock.instant());
    }

    public boolean seemsDown() {
        Instant since = clock.instant().minus(window);
        if (lastResponse.isAfter(since)) {
            return false;
        }
        lastFailureByHost.values().removeIf(at -> at.isBefore(since));
        return lastFailureByHost.size() >= minHosts;
    }
}
