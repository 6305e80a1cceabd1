package io.newsflow.core.feed;

import io.newsflow.core.article.FeedRef;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedSubscriptionTest {

    @Test
    void the_poll_interval_is_iso_8601_in_json_and_left_out_when_absent() {
        FeedSubscription every5m = FeedSubscription.of(" https://example.com/rss ", "Example", "Example Times", Duration.ofMinutes(5));
        FeedSubscription plain = FeedSubscription.of("https://example.com/atom", " ", null);

        assertThat(Json.toString(every5m)).isEqualTo("{\"id\":\"" + FeedRef.idOf("https://example.com/rss")
                + "\",\"url\":\"https://example.com/rss\",\"title\":\"Example\",\"publisher\":\"Example Times\",\"pollInterval\":\"PT5M\"}");
        assertThat(Json.toString(plain)).doesNotContain("pollInterval").doesNotContain("title");
        assertThat(Json.fromString(Json.toString(every5m), FeedSubscription.class)).isEqualTo(every5m);
        assertThat(Json.fromString(Json.toString(plain), FeedSubscription.class)).isEqualTo(plain);
    }

    @Test
    void a_record_written_before_poll_intervals_existed_reads_as_the_configured_interval() {
        FeedSubscription old = Json.fromString("{\"id\":\"x\",\"url\":\"https://example.com/rss\"}", FeedSubscription.class);

        assertThat(old.pollInterval()).isNull();
        assertThat(old.pollIntervalOr(Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(7));
        assertThat(FeedSubscription.of("https://example.com/rss", null, null, Duration.ofSeconds(90))
                .pollIntervalOr(Duration.ofMinutes(7))).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_poll_interval_that_is_not_positive_is_refused_with_the_field_named() {
        assertThatThrownBy(() -> Json.fromString("{\"id\":\"x\",\"url\":\"https://example.com/rss\",\"pollInterval\":\"PT0S\"}", FeedSubscription.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("pollInterval PT0S must be a positive duration");
    }

    @Test
    void poll_intervals_are_written_as_the_duration_settings_are() {
        assertThat(FeedSubscription.parseInterval("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(FeedSubscription.parseInterval("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(FeedSubscription.parseInterval("PT2H")).isEqualTo(Duration.ofHours(2));
        for (String wrong : new String[] {"5x", "0s", "", "-PT1M"}) {
            assertThatThrownBy(() -> FeedSubscription.parseInterval(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("\"" + wrong + "\" is not a positive duration such as 30s, 5m, 2h or PT5M");
        }
    }
}
