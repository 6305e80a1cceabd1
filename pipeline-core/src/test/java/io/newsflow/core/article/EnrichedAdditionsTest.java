package io.newsflow.core.article;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The records enrichment added to the enriched article: language, keywords, entities, places, syndication, story. */
class EnrichedAdditionsTest {

    private static final String URL = "https://www.example.com/world/talks";
    private static final RawArticle RAW = Json.fromString("""
            {"schemaVersion":1,"id":"%s","url":"%s","feed":{"id":"%s","url":"https://www.example.com/rss"},
             "fetchedAt":"2024-11-27T09:41:07Z"}""".formatted(ArticleId.of(URL), URL, FeedRef.idOf("https://www.example.com/rss")),
            RawArticle.class);
    private static final Instant ENRICHED_AT = Instant.parse("2024-11-27T09:41:09Z");

    @Test
    void every_addition_survives_the_codec() {
        EnrichedArticle article = new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, RAW, new Attribution(null, null, null),
                List.of(new TopicTag("medtop:20000565", "peace process", 0.7, List.of("talks"), 3,
                        List.of("medtop:16000000", "medtop:20000564"))),
                ENRICHED_AT, new DetectedLanguage("uk", 0.91, DetectedLanguage.DETECTED), List.of("talks"),
                List.of(new Entity("NATO", Entity.Kind.ORGANISATION, "Q7184", 2, true)),
                List.of(new Place("Kyiv", "Києві", Place.Kind.CITY, "UA", new GeoPoint(50.45466, 30.5238), 703448L, "Q1899", 1, false)),
                Syndication.of("Bloomberg", "Q14270642", null), new Story(RAW.id(), true, List.of()));

        assertThat(Json.fromString(Json.toString(article), EnrichedArticle.class)).isEqualTo(article);
        assertThat(Json.mapper().valueToTree(article).path("syndication").path("republished").asBoolean()).isTrue();
    }

    @Test
    void a_record_written_before_the_additions_reads_as_having_none_of_them() {
        ObjectNode old = Json.mapper().valueToTree(new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, RAW,
                new Attribution(null, null, null), List.of(new TopicTag("medtop:11000000", "politics and government", 0.5, null)),
                ENRICHED_AT));
        old.remove(List.of("keywords", "entities", "places", "syndication"));
        ((ObjectNode) old.at("/topics/0")).remove(List.of("level", "ancestors"));

        EnrichedArticle read = Json.fromString(old.toString(), EnrichedArticle.class);

        assertThat(read.language()).isNull();
        assertThat(read.story()).isNull();
        assertThat(read.keywords()).isEmpty();
        assertThat(read.entities()).isEmpty();
        assertThat(read.places()).isEmpty();
        assertThat(read.syndication()).isEqualTo(Syndication.NONE);
        assertThat(read.topics().getFirst().level()).isNull();
        assertThat(read.topics().getFirst().ancestors()).isEmpty();
    }

    @Test
    void a_topic_level_is_one_more_than_its_ancestors() {
        assertThatThrownBy(() -> new TopicTag("medtop:20000565", "peace process", 0.5, null, 2, List.of("medtop:16000000", "medtop:20000564")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level 2 of topic medtop:20000565");
        assertThatThrownBy(() -> new TopicTag("medtop:20000565", "peace process", 0.5, null, 2, List.of("16000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'16000000' is not an IPTC Media Topic code");
    }

    @Test
    void republished_means_an_original_source_is_known() {
        assertThat(Syndication.of(null, null, "Not responsible for content from other sources.").republished()).isFalse();

        assertThatThrownBy(() -> new Syndication("Bloomberg", null, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("republished is false but originalSource is 'Bloomberg'");
        assertThatThrownBy(() -> Syndication.of(null, "Q14270642", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an originalSource");
    }

    @Test
    void keywords_are_capped() {
        List<String> sixteen = Collections.nCopies(EnrichedArticle.MAX_KEYWORDS + 1, "talks");

        assertThatThrownBy(() -> new EnrichedArticle(1, RAW, new Attribution(null, null, null), null, ENRICHED_AT, null,
                sixteen, null, null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 keywords");
    }

    @Test
    void entities_and_places_are_mentioned_and_carry_valid_ids_codes_and_points() {
        assertThatThrownBy(() -> new Entity("NATO", Entity.Kind.ORGANISATION, null, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mentions 0 of 'NATO'");
        assertThatThrownBy(() -> new Entity("NATO", Entity.Kind.ORGANISATION, "7184", 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wikidataId '7184'");
        assertThatThrownBy(() -> new Place("Kyiv", "Kyiv", Place.Kind.CITY, "ua", new GeoPoint(50.4, 30.5), null, null, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("country code 'ua'");
        assertThatThrownBy(() -> new GeoPoint(95, 30.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("95.0,30.5");
        assertThatThrownBy(() -> new DetectedLanguage("eng", 0.5, DetectedLanguage.DETECTED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'eng'");
        assertThatThrownBy(() -> new DetectedLanguage("en", 0.5, "guessed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'guessed'");
    }

    @Test
    void an_absent_mention_count_is_refused_when_read() {
        ObjectNode article = Json.mapper().valueToTree(new EnrichedArticle(1, RAW, new Attribution(null, null, null), null,
                ENRICHED_AT, null, null, List.of(new Entity("NATO", Entity.Kind.ORGANISATION, null, 1, false)), null, null, null));
        ((ObjectNode) article.at("/entities/0")).remove("mentions");

        assertThatThrownBy(() -> Json.fromString(article.toString(), EnrichedArticle.class))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("missing required field 'mentions' (in entities[0])");
    }
}
