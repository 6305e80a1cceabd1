package io.newsflow.index.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentMapperTest {

    private static final Instant NOW = Instant.parse("2024-11-27T09:00:00Z");
    private final DocumentMapper mapper = new DocumentMapper(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void the_document_is_keyed_by_article_id_and_versioned_by_the_offset_after_the_record() {
        IndexDocument document = mapper.map(Articles.full(), 41);
        assertThat(document.id()).isEqualTo(Articles.ID);
        assertThat(document.version()).isEqualTo(42);
        assertThat(mapper.map(Articles.full(), 0).version()).isEqualTo(1);
        assertThat(document.sizeBytes()).isEqualTo(document.source().length).isPositive();
    }

    @Test
    void timestamp_is_the_published_time_with_its_original_offset() throws IOException {
        JsonNode json = json(mapper.map(Articles.full(), 0));
        assertThat(json.get("@timestamp").asText()).isEqualTo("2024-11-27T10:15:00+03:00");
        assertThat(json.get("publishedAt").asText()).isEqualTo("2024-11-27T10:15:00+03:00");
        assertThat(json.get("modifiedAt").asText()).isEqualTo("2024-11-27T11:15:00+03:00");
        assertThat(json.get("publishedAtSource").asText()).isEqualTo("FEED");
        assertThat(json.get("fetchedAt").asText()).isEqualTo("2024-11-27T08:00:00Z");
        assertThat(json.get("enrichedAt").asText()).isEqualTo("2024-11-27T08:05:00Z");
        assertThat(json.get("indexedAt").asText()).isEqualTo("2024-11-27T09:00:00Z");
    }

    @Test
    void without_a_published_time_the_timestamp_is_the_fetch_time() throws IOException {
        EnrichedArticle undated = Articles.enriched(Articles.raw(null, Instant.parse("2024-11-27T08:00:00Z")));
        JsonNode json = json(mapper.map(undated, 0));
        assertThat(json.get("@timestamp").asText()).isEqualTo("2024-11-27T08:00:00Z");
        assertThat(json.has("publishedAt")).isFalse();
        assertThat(json.get("publishedAtSource").asText()).isEqualTo("NONE");
    }

    @Test
    void attribution_topics_and_feed_are_carried_over() throws IOException {
        JsonNode json = json(mapper.map(Articles.full(), 0));
        assertThat(json.get("domain").asText()).isEqualTo("example.com");
        assertThat(json.at("/publisher/name").asText()).isEqualTo("Example News");
        assertThat(json.at("/publisher/country").asText()).isEqualTo("GB");
        assertThat(json.get("authors")).hasSize(2);
        assertThat(json.at("/citedSources/0/kind").asText()).isEqualTo("OUTLET");
        assertThat(json.at("/citedSources/0/end").asInt()).isEqualTo(7);
        assertThat(json.at("/topics/0/code").asText()).isEqualTo("medtop:20000621");
        assertThat(json.at("/topics/0/score").asDouble()).isEqualTo(0.8);
        assertThat(json.at("/topics/0/level").asInt()).isEqualTo(2);
        assertThat(json.at("/topics/0/ancestors/0").asText()).isEqualTo("medtop:11000000");
        assertThat(json.at("/topics/0").has("matched")).as("not mapped: must not be sent").isFalse();
        assertThat(json.at("/feed/title").asText()).isEqualTo("Example World");
        assertThat(json.at("/feed/publisher").asText()).isEqualTo("Example News");
        assertThat(json.has("itemUrl")).as("not mapped: must not be sent").isFalse();
    }

    @Test
    void language_entities_places_syndication_and_story_are_carried_over() throws IOException {
        JsonNode json = json(mapper.map(Articles.full(), 0));
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(json.get("languageSource").asText()).isEqualTo("detected");
        assertThat(json.get("languageConfidence").asDouble()).isEqualTo(0.97);
        assertThat(json.get("languageDeclared").asText()).isEqualTo("en");
        assertThat(texts(json.get("keywords"))).containsExactly("shipping", "strait");
        assertThat(json.at("/entities/0/wikidataId").asText()).isEqualTo("Q130879");
        assertThat(json.at("/entities/1/kind").asText()).isEqualTo("PLACE");
        assertThat(json.at("/places/0/location/lat").asDouble()).isEqualTo(50.45);
        assertThat(json.at("/places/0/geonameId").asLong()).isEqualTo(703448L);
        assertThat(json.at("/syndication/originalSource").asText()).isEqualTo("Reuters");
        assertThat(json.at("/syndication/republished").asBoolean()).isTrue();
        assertThat(json.at("/story/storyId").asText()).isEqualTo(Articles.ID);
        assertThat(json.at("/story/origin").asBoolean()).isTrue();
    }

    @Test
    void page_metadata_revision_provenance_and_the_feed_item_are_carried_over() throws IOException {
        JsonNode json = json(mapper.map(Articles.full(), 0));
        assertThat(json.get("section").asText()).isEqualTo("World");
        assertThat(json.get("imageUrl").asText()).isEqualTo("https://www.example.com/img/ships.jpg");
        assertThat(texts(json.get("pageKeywords"))).containsExactly("Shipping", "Strait of Hormuz");
        assertThat(json.get("paywalled").asBoolean(true)).isFalse();
        assertThat(json.get("revision").asInt()).isEqualTo(2);
        assertThat(json.at("/provenance/title").asText()).isEqualTo("json-ld");
        assertThat(json.get("publishedAtProvenance").asText()).as("the date's provenance as a field of its own").isEqualTo("opengraph");
        assertThat(json.at("/feedItem/title").asText()).isEqualTo("Ships turn back (update)");
        assertThat(json.at("/feedItem/publishedAt").asText()).isEqualTo("2024-11-27T10:15:00+03:00");

        EnrichedArticle undated = Articles.enriched(Articles.raw(null, Instant.parse("2024-11-27T08:00:00Z")));
        assertThat(json(mapper.map(undated, 0)).has("publishedAtProvenance")).isFalse();
    }

    @Test
    void flat_fields_repeat_the_nested_ones_for_charts_and_maps() throws IOException {
        JsonNode json = json(mapper.map(Articles.full(), 0));
        assertThat(texts(json.get("topicCodes"))).as("ancestors first, each once").containsExactly("medtop:11000000", "medtop:20000621");
        assertThat(texts(json.get("topicLabels"))).containsExactly("diplomacy");
        assertThat(texts(json.get("citedSourceNames"))).containsExactly("Reuters");
        assertThat(texts(json.get("citedSourceKinds"))).containsExactly("OUTLET");
        assertThat(texts(json.get("entityNames"))).containsExactly("Reuters", "Strait of Hormuz");
        assertThat(texts(json.get("placeNames"))).containsExactly("Kyiv", "Ukraine");
        assertThat(texts(json.get("placeCountryCodes"))).as("each once").containsExactly("UA");
        assertThat(json.get("placeLocations")).hasSize(2);
        assertThat(json.at("/placeLocations/1/lon").asDouble()).isEqualTo(32.0);
    }

    @Test
    void a_cited_source_is_named_by_its_entity_else_by_its_text_when_that_is_a_name() {
        assertThat(DocumentMapper.nameOf(new CitedSource("the agency", CitedSource.Kind.OUTLET, "Reuters", "said", "s.", 0, 10)))
                .isEqualTo("Reuters");
        assertThat(DocumentMapper.nameOf(new CitedSource("Jane Doe", CitedSource.Kind.PERSON, null, "said", "s.", 0, 8)))
                .isEqualTo("Jane Doe");
        assertThat(DocumentMapper.nameOf(new CitedSource("a senior diplomat", CitedSource.Kind.ANONYMOUS, null, "said", "s.", 0, 17)))
                .isNull();
        assertThat(DocumentMapper.nameOf(new CitedSource("the report", CitedSource.Kind.DOCUMENT, null, "according to", "s.", 0, 10)))
                .isNull();
    }

    @Test
    void without_detection_the_language_is_the_declared_tag_s_primary_subtag() throws IOException {
        EnrichedArticle undetected = new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION,
                Articles.raw(null, Instant.parse("2024-11-27T08:00:00Z")), new Attribution(null, List.of(), List.of()),
                List.of(), Instant.parse("2024-11-27T08:05:00Z"));
        JsonNode json = json(mapper.map(undetected, 0));
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(json.has("languageSource")).isFalse();
        assertThat(DocumentMapper.primaryLanguage("pt-BR")).isEqualTo("pt");
        assertThat(DocumentMapper.primaryLanguage("EN_us")).isEqualTo("en");
        assertThat(DocumentMapper.primaryLanguage(" ")).isNull();
        assertThat(json.has("syndication")).as("no syndication: left out").isFalse();
        assertThat(json.has("story")).isFalse();
    }

    @Test
    void without_attributed_authors_the_article_authors_are_kept_and_absent_parts_left_out() throws IOException {
        EnrichedArticle bare = new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION,
                Articles.raw(null, Instant.parse("2024-11-27T08:00:00Z")), new Attribution(null, List.of(), List.of()),
                List.of(), Instant.parse("2024-11-27T08:05:00Z"));
        JsonNode json = json(mapper.map(bare, 0));
        assertThat(json.get("authors").get(0).asText()).isEqualTo("Jane Doe");
        assertThat(json.has("publisher")).isFalse();
        assertThat(json.get("citedSources")).isEmpty();
        assertThat(json.get("topics")).isEmpty();
    }

    @Test
    void domain_is_the_host_without_www() {
        assertThat(DocumentMapper.hostOf("https://www.Example.com/a")).isEqualTo("example.com");
        assertThat(DocumentMapper.hostOf("https://edition.cnn.com/a")).isEqualTo("edition.cnn.com");
        assertThat(DocumentMapper.hostOf("not a url")).isNull();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static JsonNode json(IndexDocument document) throws IOException {
        return Json.mapper().readTree(document.source());
    }
}
