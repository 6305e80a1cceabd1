package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.state.FeedState;
import io.newsflow.ingest.state.FeedStates;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code newsflow_feeds{health}}: the feeds this instance polls, by {@link FeedState.Health} ({@code ok},
 * {@code backing_off}, {@code failing}), counted when scraped. Summed over instances it is every subscribed feed.
 */
public final class FeedHealthMetrics {

    private FeedHealthMetrics() {
    }

    public static void register(MeterRegistry registry, FeedStates states, Supplier<List<FeedSubscription>> feeds) {
        for (FeedState.Health health : FeedState.Health.values()) {
            Gauge.builder("newsflow.feeds", () -> count(states, feeds.get(), health))
                    .description("Feeds polled by this instance, by health")
                    .tag("health", health.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    static long count(FeedStates states, List<FeedSubscription> feeds, FeedState.Health health) {
        return feeds.stream().filter(feed -> states.get(feed.id(), feed.url()).health() == health).count();
    }
}
