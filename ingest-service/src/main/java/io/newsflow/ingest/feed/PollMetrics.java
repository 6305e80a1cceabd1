package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.core.http.FetchException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What feed polling counts, with tags of few values (no feed or article ids):
 * <ul>
 *   <li>{@code newsflow_feed_polls_total{outcome}}: polls by outcome, one of {@link Outcome};</li>
 *   <li>{@code newsflow_fetch_seconds{kind, outcome}}: time of each HTTP fetch, redirects included, as a histogram;
 *       {@code kind} is {@code feed} or {@code page}; {@code outcome} is {@code ok} when a response came back (for a
 *       feed whatever its status, which the poll outcome tells), {@code error} when none did;</li>
 *   <li>{@code newsflow_fetch_errors_total{kind, exception}}: fetches with no usable response, by the simple name of
 *       the error's class: the transport error the fetcher met ({@code ConnectException},
 *       {@code UnknownHostException}, {@code HttpConnectTimeoutException}, ...), or {@code FetchException} for what it
 *       refused itself (size or redirect limits, private addresses, whole-exchange timeouts, pages that are not 2xx
 *       HTML).</li>
 * </ul>
 */
final class PollMetrics {

    /** How a poll of a feed ended. */
    enum Outcome {
        OK, NOT_MODIFIED, HTTP_ERROR, PARSE_ERROR, FETCH_ERROR, PUBLISH_ERROR, INTERNAL_ERROR;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A fetch to time. */
    interface Fetch<T> {
        T get() throws FetchException;
    }

    static final String FEED = "feed";
    static final String PAGE = "page";

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> polls = new EnumMap<>(Outcome.class);

    PollMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every outcome is there from the start, at zero, so that rates and alerts see it before it first happens.
        for (Outcome outcome : Outcome.values()) {
            polls.put(outcome, Counter.builder("newsflow.feed.polls")
                    .description("Feed polls by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
    }

    void polled(Outcome outcome) {
        polls.get(outcome).increment();
    }

    /** Runs {@code fetch}, timing it, and counts its error if it throws. */
    <T> T fetch(String kind, Fetch<T> fetch) throws FetchException {
        long started = System.nanoTime();
        try {
            T result = fetch.get();
            timer(kind, "ok").record(Duration.ofNanos(System.nanoTime() - started));
            return result;
        } catch (FetchException | RuntimeException e) {
            timer(kind, "error").record(Duration.ofNanos(System.nanoTime() - started));
            Counter.builder("newsflow.fetch.errors")
                    .description("Feed and page fetches that brought no usable response, by reason")
                    .tag("kind", kind)
                    .tag("reason", reasonOf(e))
                    .register(registry)
                    .increment();
            throw e;
        }
    }

    private Timer timer(String kind, String outcome) {
        return Timer.builder("newsflow.fetch")
                .description("Time of feed and page fetches")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    /** The transport error under a fetcher's exception when there is one: it says more than the wrapper. */
    /** The fetch failure's reason; an unexpected exception is "internal". */
    static String reasonOf(Exception e) {
        return e instanceof FetchException fetch ? fetch.reason().tag() : "internal";
    }
}
