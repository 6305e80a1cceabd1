package io.newsflow.ingest.state;

import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FeedStateTest {

    private static final Instant T0 = Instant.parse("2024-05-14T10:00:00Z");

    private static List<String> ids(int from, int toExclusive) {
        return IntStream.range(from, toExclusive).mapToObj(i -> "item-" + i).toList();
    }

    @Test
    void keeps_only_the_most_recent_seen_items() {
        FeedState state = FeedState.initial("f", "https://example.com/rss")
                .succeeded(T0, "ok", null, null, ids(0, 4000), 4000, null)
                .succeeded(T0.plusSeconds(60), "ok", null, null, ids(4000, 6500), 2500, null);

        assertThat(state.seenItems()).hasSize(FeedState.MAX_SEEN_ITEMS);
        assertThat(state.hasSeen("item-1499")).isFalse();
        assertThat(state.hasSeen("item-1500")).isTrue();
        assertThat(state.hasSeen("item-6499")).isTrue();
        assertThat(state.seenItems()).first().isEqualTo("item-1500");
        assertThat(state.articlesPublished()).isEqualTo(6500);
    }

    @Test
    void the_order_of_seen_items_survives_json_so_bounding_after_a_restart_drops_the_oldest() {
        FeedState state = FeedState.initial("f", "https://example.com/rss")
                .succeeded(T0, "ok", "\"v1\"", "Tue, 14 May 2024 10:00:00 GMT", List.of("c", "a", "b"), 3, null);

        FeedState read = Json.fromBytes(Json.toBytes(state), FeedState.class);

        assertThat(read).isEqualTo(state);
        assertThat(read.seenItems()).containsExactly("c", "a", "b");
        FeedState grown = read.succeeded(T0, "ok", null, null, ids(0, FeedState.MAX_SEEN_ITEMS - 2), 0, null);
        assertThat(grown.hasSeen("c")).isFalse();
        assertThat(grown.hasSeen("a")).isTrue();
    }

    @Test
    void a_failure_is_counted_and_keeps_what_the_next_poll_needs() {
        FeedState ok = FeedState.initial("f", "https://example.com/rss")
                .succeeded(T0, "ok", "\"v1\"", null, List.of("a"), 1, null);

        FeedState failed = ok.failed(T0.plusSeconds(300), "http 500", "feed answered HTTP 500", T0.plusSeconds(600))
                .failed(T0.plusSeconds(600), "error: parse", "not well-formed XML", T0.plusSeconds(1200));

        assertThat(failed.consecutiveFailures()).isEqualTo(2);
        assertThat(failed.polls()).isEqualTo(3);
        assertThat(failed.lastStatus()).isEqualTo("error: parse");
        assertThat(failed.lastError()).isEqualTo("not well-formed XML");
        assertThat(failed.etag()).isEqualTo("\"v1\"");
        assertThat(failed.hasSeen("a")).isTrue();
        assertThat(failed.failingSince()).as("the run of failures began with the first").isEqualTo(T0.plusSeconds(300));
        assertThat(failed.health()).isEqualTo(FeedState.Health.BACKING_OFF);
        assertThat(failed.failed(T0.plusSeconds(1200), "http 500", "again", T0.plusSeconds(2400)).health()).isEqualTo(FeedState.Health.FAILING);

        FeedState recovered = failed.succeeded(T0.plusSeconds(900), "not-modified", "\"v1\"", null, List.of(), 0, null);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.failingSince()).isNull();
        assertThat(recovered.health()).isEqualTo(FeedState.Health.OK);
    }

    @Test
    void a_poll_while_the_network_is_down_is_recorded_but_not_counted() {
        FeedState failing = FeedState.initial("f", "https://example.com/rss").failed(T0, "error: fetch", "refused", T0.plusSeconds(300));

        FeedState paused = failing.paused(T0.plusSeconds(300), "error: network down", "refused", T0.plusSeconds(360));

        assertThat(paused.consecutiveFailures()).isEqualTo(1);
        assertThat(paused.lastStatus()).isEqualTo("error: network down");
        assertThat(paused.dueAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(360));
    }

    @Test
    void a_moved_feed_is_polled_at_its_new_address_under_its_old_id() {
        FeedState moved = FeedState.initial("f", "http://example.com/rss").movedTo("https://example.com/feed.xml");

        assertThat(moved.pollUrl()).isEqualTo("https://example.com/feed.xml");
        assertThat(moved.feedId()).isEqualTo("f");
        assertThat(Json.fromBytes(Json.toBytes(moved), FeedState.class)).isEqualTo(moved);
    }

    @Test
    void a_feed_is_due_at_once_before_its_first_poll_then_when_scheduled_else_one_interval_after_each() {
        FeedState fresh = FeedState.initial("f", "https://example.com/rss");
        FeedState polled = fresh.succeeded(T0, "ok", null, null, List.of(), 0, null);
        FeedState scheduled = fresh.succeeded(T0, "ok", null, null, List.of(), 0, T0.plusSeconds(900));

        assertThat(fresh.dueAt(Duration.ofMinutes(5))).isBefore(T0);
        assertThat(polled.dueAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(300));
        assertThat(scheduled.dueAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(900));
    }
}
