package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollScheduleTest {

    private static final Instant T0 = Instant.parse("2024-05-14T10:00:00Z");
    private static final PollSchedule SCHEDULE = new PollSchedule(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofMinutes(1));
    private static final FeedSubscription FEED = FeedSubscription.of("https://news.example/rss", null, null);

    @Test
    void a_feed_is_never_given_up_however_long_it_fails() {
        assertThat(SCHEDULE.afterFailure(T0, FEED, 1_000_000, null)).isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(SCHEDULE.afterFailure(T0, FEED, 31, null)).isEqualTo(T0.plus(Duration.ofHours(6)));
    }

    @Test
    void a_subscription_interval_below_the_minimum_is_raised_to_it() {
        FeedSubscription eager = FeedSubscription.of("https://news.example/rss", null, null, Duration.ofSeconds(5));

        assertThat(SCHEDULE.afterSuccess(T0, eager, PollSchedule.Hints.NONE)).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(SCHEDULE.afterSuccess(T0, FEED, new PollSchedule.Hints(Duration.ofSeconds(10), null, null)))
                .as("hints only lengthen").isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void bounds_must_be_in_order() {
        assertThatThrownBy(() -> new PollSchedule(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofHours(1),
                Duration.ofHours(6), Duration.ofMinutes(1))).hasMessageContaining("shorter than the shortest");
    }
}
