package io.newsflow.core.article;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article as enrich-service publishes it to {@code news.articles.enriched}: the raw article, unchanged,
 * plus what enrichment attached. Keyed by the article id; the value is this record as JSON
 * (the contract for downstream consumers: {@code schema/enriched-article.schema.json}).
 *
 * @param schemaVersion version of this record format, {@link #SCHEMA_VERSION} when written by this code
 * @param article       the article as ingested
 * @param attribution   publisher, authors and cited sources
 * @param topics        topic tags, strongest first
 * @param enrichedAt    when enrichment ran
 */
public record EnrichedArticle(
        int schemaVersion,
        RawArticle article,
        Attribution attribution,
        List<TopicTag> topics,
        Instant enrichedAt) {

    public static final int SCHEMA_VERSION = 1;

    public EnrichedArticle {
        Objects.requireNonNull(article, "article");
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public String id() {
        return article.id();
    }
}
