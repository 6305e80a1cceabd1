package io.newsflow.core.article;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The article records refuse, where they are built, what the published schemas refuse. */
class ArticleRecordsTest {

    private static final String URL = "https://example.com/a";
    private static final FeedRef FEED = new FeedRef(FeedRef.idOf("https://example.com/feed"), "https://example.com/feed", null, null);
    private static final OffsetDateTime PUBLISHED = OffsetDateTime.parse("2024-11-27T10:15:00+03:00");
    private static final Instant FETCHED = Instant.parse("2024-11-27T08:00:00Z");

    @Test
    void a_raw_article_needs_its_id_url_feed_and_fetch_time() {
        assertThatThrownBy(() -> raw(1, null, URL, FEED, null, null, FETCHED))
                .isInstanceOf(NullPointerException.class).hasMessage("missing required field 'id'");
        assertThatThrownBy(() -> raw(1, ArticleId.of(URL), null, FEED, null, null, FETCHED))
                .isInstanceOf(NullPointerException.class).hasMessage("missing required field 'url'");
        assertThatThrownBy(() -> raw(1, ArticleId.of(URL), URL, null, null, null, FETCHED))
                .isInstanceOf(NullPointerException.class).hasMessage("missing required field 'feed'");
        assertThatThrownBy(() -> raw(1, ArticleId.of(URL), URL, FEED, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("missing required field 'fetchedAt'");
    }

    @Test
    void a_raw_article_id_is_32_lowercase_hex_characters() {
        assertThatThrownBy(() -> raw(1, ArticleId.of(URL).toUpperCase(), URL, FEED, null, null, FETCHED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not 32 lowercase hex characters");
        assertThatThrownBy(() -> raw(1, "id", URL, FEED, null, null, FETCHED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("id 'id' ");
    }

    @Test
    void only_the_schema_version_this_code_knows_is_accepted() {
        assertThatThrownBy(() -> raw(2, ArticleId.of(URL), URL, FEED, null, null, FETCHED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schemaVersion 2 is not supported: this code reads and writes RawArticle version 1 only");
        assertThatThrownBy(() -> raw(0, ArticleId.of(URL), URL, FEED, null, null, FETCHED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("schemaVersion 0 ");
        RawArticle article = raw(1, ArticleId.of(URL), URL, FEED, null, null, FETCHED);
        assertThatThrownBy(() -> new EnrichedArticle(2, article, new Attribution(null, null, null), null, FETCHED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schemaVersion 2 is not supported: this code reads and writes EnrichedArticle version 1 only");
    }

    @Test
    void the_date_source_is_none_exactly_when_there_is_no_date() {
        assertThat(raw(1, ArticleId.of(URL), URL, FEED, null, null, FETCHED).publishedAtSource())
                .as("no date and no source: NONE").isEqualTo(DateSource.NONE);
        assertThat(raw(1, ArticleId.of(URL), URL, FEED, PUBLISHED, DateSource.URL, FETCHED).publishedAt()).isEqualTo(PUBLISHED);

        assertThatThrownBy(() -> raw(1, ArticleId.of(URL), URL, FEED, null, DateSource.FEED, FETCHED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishedAtSource is FEED but publishedAt is missing: a record without a date has publishedAtSource NONE");
        assertThatThrownBy(() -> raw(1, ArticleId.of(URL), URL, FEED, PUBLISHED, DateSource.NONE, FETCHED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("publishedAtSource is NONE but publishedAt is 2024-11-27T10:15+03:00");
        assertThatThrownBy(() -> raw(1, ArticleId.of(URL), URL, FEED, PUBLISHED, null, FETCHED))
                .isInstanceOf(NullPointerException.class).hasMessage("missing required field 'publishedAtSource'");
    }

    @Test
    void an_enriched_article_needs_its_article_attribution_and_enrichment_time() {
        RawArticle article = raw(1, ArticleId.of(URL), URL, FEED, null, null, FETCHED);
        Attribution none = new Attribution(null, null, null);

        assertThatThrownBy(() -> new EnrichedArticle(1, null, none, null, FETCHED)).hasMessage("missing required field 'article'");
        assertThatThrownBy(() -> new EnrichedArticle(1, article, null, null, FETCHED)).hasMessage("missing required field 'attribution'");
        assertThatThrownBy(() -> new EnrichedArticle(1, article, none, null, null)).hasMessage("missing required field 'enrichedAt'");
        assertThat(new EnrichedArticle(1, article, none, null, FETCHED).topics()).as("absent topics are none").isEmpty();
    }

    @Test
    void feed_and_publisher_need_what_identifies_them() {
        assertThatThrownBy(() -> new FeedRef(null, "https://example.com/feed", null, null)).hasMessage("missing required field 'id'");
        assertThatThrownBy(() -> new FeedRef("f", null, null, null)).hasMessage("missing required field 'url'");
        assertThatThrownBy(() -> new PublisherInfo(null, "Example", "example.com", null, null, "domain"))
                .hasMessage("missing required field 'id'");
        assertThatThrownBy(() -> new PublisherInfo("example", null, "example.com", null, null, "domain"))
                .hasMessage("missing required field 'name'");
        assertThatThrownBy(() -> new PublisherInfo("example", "Example", null, null, null, "domain"))
                .hasMessage("missing required field 'domain'");
        assertThatThrownBy(() -> new PublisherInfo("example", "Example", "example.com", "GB", "national", null))
                .hasMessage("missing required field 'source'");
    }

    @Test
    void a_cited_source_has_its_words_and_offsets_in_order() {
        assertThat(new CitedSource("Reuters", CitedSource.Kind.OUTLET, null, "reports", "Reuters reports.", 0, 7).end()).isEqualTo(7);

        assertThatThrownBy(() -> new CitedSource("Reuters", CitedSource.Kind.OUTLET, null, "reports", "Reuters reports.", -1, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start -1, end 6");
        assertThatThrownBy(() -> new CitedSource("Reuters", CitedSource.Kind.OUTLET, null, "reports", "Reuters reports.", 7, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start 7, end 0");
        assertThatThrownBy(() -> new CitedSource(null, CitedSource.Kind.OUTLET, null, "reports", "s", 0, 0))
                .hasMessage("missing required field 'text'");
        assertThatThrownBy(() -> new CitedSource("Reuters", null, null, "reports", "s", 0, 7))
                .hasMessage("missing required field 'kind'");
        assertThatThrownBy(() -> new CitedSource("Reuters", CitedSource.Kind.OUTLET, null, null, "s", 0, 7))
                .hasMessage("missing required field 'cue'");
        assertThatThrownBy(() -> new CitedSource("Reuters", CitedSource.Kind.OUTLET, null, "reports", null, 0, 7))
                .hasMessage("missing required field 'sentence'");
    }

    @Test
    void a_topic_tag_is_a_media_topic_scored_0_to_1() {
        assertThat(new TopicTag("medtop:11000000", "politics and government", 0, null).matched()).isEmpty();
        assertThat(new TopicTag("medtop:11000000", "politics and government", 1, List.of("talks")).score()).isEqualTo(1);

        assertThatThrownBy(() -> new TopicTag("11000000", "politics and government", 0.5, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'11000000' is not an IPTC Media Topic code");
        assertThatThrownBy(() -> new TopicTag("medtop:11000000", "politics and government", 1.5, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score 1.5");
        assertThatThrownBy(() -> new TopicTag("medtop:11000000", "politics and government", -0.1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score -0.1");
        assertThatThrownBy(() -> new TopicTag("medtop:11000000", "politics and government", Double.NaN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score NaN");
        assertThatThrownBy(() -> new TopicTag(null, "politics and government", 0.5, null)).hasMessage("missing required field 'code'");
        assertThatThrownBy(() -> new TopicTag("medtop:11000000", null, 0.5, null)).hasMessage("missing required field 'label'");
    }

    @Test
    void a_revision_counts_from_1_and_an_absent_one_is_the_first() {
        RawArticle first = raw(1, ArticleId.of(URL), URL, FEED, null, null, FETCHED);

        assertThat(first.revision()).isEqualTo(1);
        assertThat(first.withRevision(0).revision()).isEqualTo(1);
        assertThat(first.withRevision(4).revision()).isEqualTo(4);
        assertThatThrownBy(() -> first.withRevision(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("revision -1 of article " + first.id() + " is negative");
    }

    @Test
    void lists_may_be_absent_but_hold_no_nulls() {
        assertThat(new Attribution(null, null, null).authors()).isEmpty();

        assertThatThrownBy(() -> new Attribution(null, Arrays.asList("Jane Doe", null), null))
                .isInstanceOf(NullPointerException.class).hasMessage("null element in field 'authors'");
        assertThatThrownBy(() -> new TopicTag("medtop:11000000", "politics and government", 0.5, Arrays.asList((String) null)))
                .hasMessage("null element in field 'matched'");
    }

    private static RawArticle raw(int schemaVersion, String id, String url, FeedRef feed, OffsetDateTime publishedAt,
                                  DateSource publishedAtSource, Instant fetchedAt) {
        return new RawArticle(schemaVersion, id, url, url, feed, "Title", "Text.", null, List.of(), "en", null,
                publishedAt, publishedAtSource, null, fetchedAt);
    }
}
