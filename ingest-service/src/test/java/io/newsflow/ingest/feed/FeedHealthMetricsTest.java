package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.state.FeedState;
import io.newsflow.ingest.state.FeedStates;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedHealthMetricsTest {

    @Test
    void counts_this_instances_feeds_by_health_when_scraped() {
        Instant t0 = Instant.parse("2024-05-14T10:00:00Z");
        FeedSubscription fresh = FeedSubscription.of("https://a.example/rss", null, null);
        FeedSubscription backingOff = FeedSubscription.of("https://b.example/rss", null, null);
        FeedSubscription failing = FeedSubscription.of("https://c.example/rss", null, null);
        FeedStates states = new FeedStates();
        states.put(FeedState.initial(backingOff.id(), backingOff.url()).failed(t0, "http 503", "down", t0));
        FeedState bad = FeedState.initial(failing.id(), failing.url());
        for (int i = 0; i < FeedState.FAILING_AFTER; i++) {
            bad = bad.failed(t0, "error: fetch", "refused", t0);
        }
        states.put(bad);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        FeedHealthMetrics.register(registry, states, () -> List.of(fresh, backingOff, failing));

        assertThat(registry.get("newsflow.feeds").tag("health", "ok").gauge().value()).isEqualTo(1);
        assertThat(registry.get("newsflow.feeds").tag("health", "backing_off").gauge().value()).isEqualTo(1);
        assertThat(registry.get("newsflow.feeds").tag("health", "failing").gauge().value()).isEqualTo(1);
    }
}
