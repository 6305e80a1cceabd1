package io.newsflow.index.document;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One article as the index stores it: field for field what {@code index/news-articles-template.json} maps.
 * These are the index's own records rather than the Kafka contract's: the mapping is strict, so a field added to the
 * contract must reach the index by a deliberate change here and in the template, never by accident.
 * Absent values are left out of the JSON.
 *
 * @param timestamp         {@code @timestamp}: when the article was published, or, when no source gave a date, when it was fetched
 * @param domain            host of the article URL without a leading {@code www.} (e.g. {@code edition.cnn.com};
 *                          {@code publisher.domain} is the registered domain, {@code cnn.com})
 * @param publishedAtSource where {@code publishedAt} came from (FEED, PAGE, URL, NONE)
 * @param indexedAt         when index-service wrote this version
 */
public record ArticleDocument(
        @JsonProperty("@timestamp") OffsetDateTime timestamp,
        String id,
        String url,
        String domain,
        String language,
        String siteName,
        String title,
        String text,
        String summary,
        List<String> authors,
        Feed feed,
        Publisher publisher,
        List<CitedSource> citedSources,
        List<Topic> topics,
        OffsetDateTime publishedAt,
        String publishedAtSource,
        OffsetDateTime modifiedAt,
        Instant fetchedAt,
        Instant enrichedAt,
        Instant indexedAt) {

    public record Feed(String id, String url, String title) {
    }

    public record Publisher(String id, String name, String domain, String country, String kind, String source) {
    }

    /** {@code start}/{@code end}: character offsets of {@code text} in the article text. */
    public record CitedSource(String text, String kind, String entity, String cue, String sentence, int start, int end) {
    }

    public record Topic(String code, String label, double score) {
    }
}
