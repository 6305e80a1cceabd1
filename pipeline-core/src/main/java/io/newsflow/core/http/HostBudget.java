package io.newsflow.core.http;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How hard one publisher's host may be hit: at most {@code concurrency} requests at a time and at least {@code delay}
 * between the starts of two requests, or the host's own longer delay (its robots.txt Crawl-delay). Every fetch of an
 * {@link HttpFetcher} (feeds, pages, robots.txt) takes its host's budget, so feed polling and article fetching share
 * it. Thread-safe.
 */
final class HostBudget {

    private final int concurrency;
    private final long delayNanos;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

    private static final class Host {
        final Semaphore permits;
        long nextStart;
        /** The host's own delay, which applies where it is longer than the budget's. */
        long ownDelayNanos;

        Host(int concurrency) {
            permits = new Semaphore(concurrency, true);
        }
    }

    /** A permit held for one request; closing it frees the host's slot. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    HostBudget(int concurrency, Duration delay) {
        this.concurrency = concurrency;
        this.delayNanos = delay.toNanos();
    }

    /** Sets {@code host}'s own delay between the starts of two requests; zero leaves only the budget's. */
    void delay(String host, Duration delay) {
        Host h = host(host);
        synchronized (h) {
            h.ownDelayNanos = delay.toNanos();
        }
    }

    /** Waits for a free slot on {@code host} and for its delay since the last request's start. */
    Permit acquire(String host) throws InterruptedException {
        Host h = host(host);
        h.permits.acquire();
        try {
            long wait;
            synchronized (h) {
                long now = System.nanoTime();
                long start = Math.max(now, h.nextStart);
                h.nextStart = start + Math.max(delayNanos, h.ownDelayNanos);
                wait = start - now;
            }
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
        } catch (InterruptedException e) {
            h.permits.release();
            throw e;
        }
        return h.permits::release;
    }

    private Host host(String host) {
        return hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new Host(concurrency));
    }
}
