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
                .succeeded(T0, "ok", null, null, ids(0, 4000), 4000)
                .succeeded(T0.plusSeconds(60), "ok", null, null, ids(4000, 6500), 2500);

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
                .succeeded(T0, "ok", "\"v1\"", "Tue, 14 May 2024 10:00:00 GMT", List.of("c", "a", "b"), 3);

        FeedState read = Json.fromBytes(Json.toBytes(state), FeedState.class);

        assertThat(read).isEqualTo(state);
        assertThat(read.seenItems()).containsExactly("c", "a", "b");
        FeedState grown = read.succeeded(T0, "ok", null, null, ids(0, FeedState.MAX_SEEN_ITEMS - 2), 0);
        assertThat(grown.hasSeen("c")).isFalse();
        assertThat(grown.hasSeen("a")).isTrue();
    }

    @Test
    void a_failure_is_counted_and_keeps_what_the_next_poll_needs() {
        FeedState ok = FeedState.initial("f", "https://example.com/rss")
                .succeeded(T0, "ok", "\"v1\"", null, List.of("a"), 1);

        FeedState failed = ok.failed(T0.plusSeconds(300), "http 500", "feed answered HTTP 500")
                .failed(T0.plusSeconds(600), "error: parse", "not well-formed XML");

        assertThat(failed.consecutiveFailures()).isEqualTo(2);
        assertThat(failed.polls()).isEqualTo(3);
        assertThat(failed.lastStatus()).isEqualTo("error: parse");
        assertThat(failed.lastError()).isEqualTo("not well-formed XML");
        assertThat(failed.etag()).isEqualTo("\"v1\"");
        assertThat(failed.hasSeen("a")).isTrue();

        FeedState recovered = failed.succeeded(T0.plusSeconds(900), "not-modified", "\"v1\"", null, List.of(), 0);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.lastError()).isNull();
    }

    @Test
    void a_feed_is_due_at_once_before_its_first_poll_then_one_interval_after_each() {
        FeedState fresh = FeedState.initial("f", "https://example.com/rss");
        FeedState polled = fresh.succeeded(T0, "ok", null, null, List.of(), 0);

        assertThat(fresh.dueAt(Duration.ofMinutes(5))).isBefore(T0);
        assertThat(polled.dueAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(300));
    }
}
