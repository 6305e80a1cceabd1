package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.Instant;
import java.util.List;

/**
 * One article as enrich-service publishes it to {@code news.articles.enriched}: the raw article, unchanged,
 * plus what enrichment attached. Keyed by the article id; the value is this record as JSON
 * (the contract for downstream consumers: {@code schema/enriched-article.schema.json}). The constructor refuses what
 * that schema refuses, so a bad record fails where it is built, and one read from a topic fails in {@code Json}.
 *
 * @param schemaVersion version of this record format, {@link #SCHEMA_VERSION} when written by this code
 * @param article       the article as ingested
 * @param attribution   publisher, authors and cited sources
 * @param topics        topic tags, strongest first
 * @param enrichedAt    when enrichment ran
 */
public record EnrichedArticle(
        // Jackson would read an absent number as 0; FAIL makes an absent or null one an error, as the schema requires.
        @JsonSetter(nulls = Nulls.FAIL) int schemaVersion,
        RawArticle article,
        Attribution attribution,
        List<TopicTag> topics,
        Instant enrichedAt) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * @throws NullPointerException     if article, attribution or enrichedAt is null (absent topics are none)
     * @throws IllegalArgumentException if schemaVersion is not {@link #SCHEMA_VERSION}
     */
    public EnrichedArticle {
        Fields.schemaVersion(schemaVersion, SCHEMA_VERSION, "EnrichedArticle");
        Fields.required(article, "article");
        Fields.required(attribution, "attribution");
        topics = Fields.list(topics, "topics");
        Fields.required(enrichedAt, "enrichedAt");
    }

    public String id() {
        return article.id();
    }
}
