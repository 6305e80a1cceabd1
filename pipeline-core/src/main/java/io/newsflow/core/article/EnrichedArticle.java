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
 * @param language      the language of the text, or null when it could not be told
 * @param keywords      free keywords, lowercase, at most {@link #MAX_KEYWORDS}, strongest first (absent means none)
 * @param entities      people, organisations, outlets and places mentioned, salient and frequent first (absent means none)
 * @param places        places mentioned, resolved to countries and coordinates, salient and frequent first (absent means none)
 * @param syndication   the outlet whose story this re-reports and the republication disclaimer (absent means neither)
 * @param story         the story cluster the article belongs to, or null when it was not clustered
 */
public record EnrichedArticle(
        // Jackson would read an absent number as 0; FAIL makes an absent or null one an error, as the schema requires.
        @JsonSetter(nulls = Nulls.FAIL) int schemaVersion,
        RawArticle article,
        Attribution attribution,
        List<TopicTag> topics,
        Instant enrichedAt,
        DetectedLanguage language,
        List<String> keywords,
        List<Entity> entities,
        List<Place> places,
        Syndication syndication,
        Story story) {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_KEYWORDS = 15;

    /**
     * @throws NullPointerException     if article, attribution or enrichedAt is null (absent topics are none)
     * @throws IllegalArgumentException if schemaVersion is not {@link #SCHEMA_VERSION} or there are more than
     *                                  {@link #MAX_KEYWORDS} keywords
     */
    public EnrichedArticle {
        Fields.schemaVersion(schemaVersion, SCHEMA_VERSION, "EnrichedArticle");
        Fields.required(article, "article");
        Fields.required(attribution, "attribution");
        topics = Fields.list(topics, "topics");
        Fields.required(enrichedAt, "enrichedAt");
        keywords = Fields.list(keywords, "keywords");
        if (keywords.size() > MAX_KEYWORDS) {
            throw new IllegalArgumentException(keywords.size() + " keywords " + keywords + " are more than " + MAX_KEYWORDS
                    + ": keep the strongest");
        }
        entities = Fields.list(entities, "entities");
        places = Fields.list(places, "places");
        syndication = syndication == null ? Syndication.NONE : syndication;
    }

    /** An article with publisher, topics and sources only, as records written before the other enrichments carry it. */
    public EnrichedArticle(int schemaVersion, RawArticle article, Attribution attribution, List<TopicTag> topics,
                           Instant enrichedAt) {
        this(schemaVersion, article, attribution, topics, enrichedAt, null, null, null, null, null, null);
    }

    public String id() {
        return article.id();
    }
}
