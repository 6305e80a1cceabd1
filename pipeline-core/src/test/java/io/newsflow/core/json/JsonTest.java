package io.newsflow.core.json;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.FeedItemValues;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.TopicTag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

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
    void a_record_written_before_page_metadata_and_revisions_existed_reads_as_revision_1() {
        ObjectNode json = tree(article);
        json.remove(List.of("revision", "keywords", "provenance"));

        RawArticle old = Json.fromString(json.toString(), RawArticle.class);

        assertThat(old.revision()).isEqualTo(1);
        assertThat(old.keywords()).isEmpty();
        assertThat(old.provenance()).isEmpty();
        assertThat(old).isEqualTo(article);
    }

    @Test
    void page_metadata_and_the_feed_items_own_values_survive_a_round_trip() {
        RawArticle full = new RawArticle(article.schemaVersion(), article.id(), article.url(), article.itemUrl(),
                article.feed(), article.title(), article.text(), null, article.authors(), "en", "Example",
                article.publishedAt(), DateSource.PAGE, null, article.fetchedAt(), "https://example.com/a.jpg", "World",
                List.of("talks"), true, 3, Map.of("title", "json-ld"),
                new FeedItemValues("Feed title", "https://example.com/a?utm_source=rss",
                        OffsetDateTime.parse("2024-11-27T09:15:00+02:00"), List.of("Jane Doe")));

        RawArticle back = Json.fromString(Json.toString(full), RawArticle.class);

        assertThat(back).isEqualTo(full);
        assertThat(back.feedItem().publishedAt().getOffset().getTotalSeconds()).isEqualTo(2 * 3600);
    }

    @Test
    void unreadable_records_say_why() {
        assertThatThrownBy(() -> Json.fromBytes("not json".getBytes(StandardCharsets.UTF_8), RawArticle.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("not a valid RawArticle JSON record: Unrecognized token 'not'")
                .hasMessageEndingWith("(line 1, column 1)");
        assertThatThrownBy(() -> Json.fromBytes(null, RawArticle.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("tombstone");
    }

    @Test
    void a_missing_required_field_is_named_in_the_records_own_words() {
        ObjectNode json = tree(article);
        json.remove("fetchedAt");

        assertThatThrownBy(() -> Json.fromString(json.toString(), RawArticle.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("not a valid RawArticle JSON record: missing required field 'fetchedAt'")
                .hasCauseInstanceOf(ValueInstantiationException.class);
    }

    @Test
    void a_missing_number_is_missing_not_zero() {
        ObjectNode json = tree(article);
        json.remove("schemaVersion");

        assertThatThrownBy(() -> Json.fromString(json.toString(), RawArticle.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("not a valid RawArticle JSON record: missing required field 'schemaVersion'");
        json.putNull("schemaVersion");
        assertThatThrownBy(() -> Json.fromString(json.toString(), RawArticle.class))
                .hasMessage("not a valid RawArticle JSON record: missing required field 'schemaVersion'");
    }

    @Test
    void a_refusal_deep_in_a_record_says_where() {
        ObjectNode json = tree(enriched());
        ((ObjectNode) json.at("/article/feed")).remove("url");
        ObjectNode noOffset = tree(enriched());
        ((ObjectNode) noOffset.at("/attribution/citedSources/0")).remove("end");
        ObjectNode reversed = tree(enriched());
        ((ObjectNode) reversed.at("/attribution/citedSources/0")).put("start", 9);
        ObjectNode wrongType = tree(enriched());
        ((ObjectNode) wrongType.at("/topics/0")).put("score", "high");

        assertThatThrownBy(() -> Json.fromString(json.toString(), EnrichedArticle.class))
                .hasMessage("not a valid EnrichedArticle JSON record: missing required field 'url' (in article.feed)");
        assertThatThrownBy(() -> Json.fromString(noOffset.toString(), EnrichedArticle.class))
                .hasMessage("not a valid EnrichedArticle JSON record: missing required field 'end' (in attribution.citedSources[0])");
        assertThatThrownBy(() -> Json.fromString(reversed.toString(), EnrichedArticle.class))
                .hasMessage("not a valid EnrichedArticle JSON record: offsets start 9, end 7 of cited source 'Reuters'"
                        + " are not 0 <= start <= end (in attribution.citedSources[0])");
        assertThatThrownBy(() -> Json.fromString(wrongType.toString(), EnrichedArticle.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("not a valid EnrichedArticle JSON record: ")
                .hasMessageContaining("\"high\"")
                .hasMessageEndingWith("(at topics[0].score)");
    }

    /** A consumer that meets a version it does not know refuses it, so that the stage dead-letters it for replay. */
    @Test
    void a_record_of_another_schema_version_is_refused() {
        ObjectNode json = tree(enriched());
        json.put("schemaVersion", 2);
        ObjectNode innerRaw = tree(enriched());
        ((ObjectNode) innerRaw.get("article")).put("schemaVersion", 2);

        assertThatThrownBy(() -> Json.fromString(json.toString(), EnrichedArticle.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("not a valid EnrichedArticle JSON record: schemaVersion 2 is not supported")
                .hasMessageContaining("replay");
        assertThatThrownBy(() -> Json.fromString(innerRaw.toString(), EnrichedArticle.class))
                .hasMessageStartingWith("not a valid EnrichedArticle JSON record: schemaVersion 2 is not supported")
                .hasMessageEndingWith("(in article)");
    }

    private EnrichedArticle enriched() {
        return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, article,
                new Attribution(null, List.of(), List.of(new CitedSource("Reuters", CitedSource.Kind.OUTLET, "Reuters",
                        "reports", "Reuters reports.", 0, 7))),
                List.of(new TopicTag("medtop:11000000", "politics and government", 0.5, List.of())),
                Instant.parse("2024-11-27T08:01:00Z"));
    }

    private static ObjectNode tree(Object record) {
        try {
            return (ObjectNode) Json.mapper().readTree(Json.toBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
