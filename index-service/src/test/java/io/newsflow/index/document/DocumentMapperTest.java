package io.newsflow.index.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        assertThat(json.at("/topics/0/code").asText()).isEqualTo("medtop:11000000");
        assertThat(json.at("/topics/0/score").asDouble()).isEqualTo(0.8);
        assertThat(json.at("/topics/0").has("matched")).as("not mapped: must not be sent").isFalse();
        assertThat(json.at("/feed/title").asText()).isEqualTo("Example World");
        assertThat(json.at("/feed").has("publisher")).as("not mapped: must not be sent").isFalse();
        assertThat(json.has("itemUrl")).as("not mapped: must not be sent").isFalse();
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

    private static JsonNode json(IndexDocument document) throws IOException {
        return Json.mapper().readTree(document.source());
    }
}
