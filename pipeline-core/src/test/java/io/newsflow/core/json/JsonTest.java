package io.newsflow.core.json;

import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    private final RawArticle article = new RawArticle(RawArticle.SCHEMA_VERSION, "0123456789abcdef0123456789abcdef",
            "https://example.com/a", "https://example.com/a?utm_source=rss",
            new FeedRef("f1", "https://example.com/feed", "Example", "Example News"),
            "Title", "Body.", null, List.of("Jane Doe"), "en", "Example",
            OffsetDateTime.parse("2024-11-27T10:15:00+03:00"), DateSource.FEED, null,
            Instant.parse("2024-11-27T08:00:00Z"));

    @Test
    void dates_keep_their_original_offset_through_a_round_trip() {
        String json = Json.toString(article);
        assertThat(json).contains("\"publishedAt\":\"2024-11-27T10:15:00+03:00\"");
        RawArticle back = Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), RawArticle.class);
        assertThat(back).isEqualTo(article);
        assertThat(back.publishedAt().getOffset().getTotalSeconds()).isEqualTo(3 * 3600);
    }

    @Test
    void absent_fields_are_left_out_and_unknown_fields_are_ignored() {
        String json = Json.toString(article);
        assertThat(json).doesNotContain("\"summary\"").doesNotContain("\"modifiedAt\"");
        String withExtra = json.replace("{\"schemaVersion\"", "{\"addedLater\":{\"x\":1},\"schemaVersion\"");
        assertThat(Json.fromString(withExtra, RawArticle.class)).isEqualTo(article);
    }

    @Test
    void unreadable_records_say_why() {
        assertThatThrownBy(() -> Json.fromBytes("not json".getBytes(StandardCharsets.UTF_8), RawArticle.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("not a valid RawArticle");
        assertThatThrownBy(() -> Json.fromBytes("{\"title\":\"no id\"}".getBytes(StandardCharsets.UTF_8), RawArticle.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> Json.fromBytes(null, RawArticle.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("tombstone");
    }
}
