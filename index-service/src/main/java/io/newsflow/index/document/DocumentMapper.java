package io.newsflow.index.document;

import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** Turns an enriched article, read at a Kafka offset, into the document the index stores. */
public final class DocumentMapper {

    private final Clock clock;

    public DocumentMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * The document for {@code article}, read from its partition at {@code offset}.
     *
     * @throws InvalidRecordException if the record is of a schema version this service cannot index
     */
    public IndexDocument map(EnrichedArticle article, long offset) {
        if (article.schemaVersion() != EnrichedArticle.SCHEMA_VERSION) {
            throw new InvalidRecordException("enriched article " + article.id() + " has schemaVersion " + article.schemaVersion()
                    + ", this index-service indexes version " + EnrichedArticle.SCHEMA_VERSION + ": upgrade it and replay the dead letter");
        }
        return new IndexDocument(article.id(), versionOf(offset), Json.toBytes(toDocument(article, clock.instant())));
    }

    /**
     * The external version of the record at {@code offset}. All versions of an article share a partition (they are keyed
     * by article id), so a newer version always has a higher offset, and a replayed older record a lower version than
     * the one in the index: Elasticsearch refuses it as a version conflict instead of overwriting the newer one.
     */
    public static long versionOf(long offset) {
        return offset + 1;
    }

    static ArticleDocument toDocument(EnrichedArticle enriched, Instant indexedAt) {
        RawArticle article = enriched.article();
        Attribution attribution = enriched.attribution();
        List<String> authors = attribution != null && !attribution.authors().isEmpty() ? attribution.authors() : article.authors();
        return new ArticleDocument(
                timestampOf(enriched, indexedAt),
                article.id(),
                article.url(),
                hostOf(article.url()),
                article.language(),
                article.siteName(),
                article.title(),
                article.text(),
                article.summary(),
                authors,
                feedOf(article.feed()),
                attribution == null ? null : publisherOf(attribution.publisher()),
                attribution == null ? List.of() : attribution.citedSources().stream()
                        .map(s -> new ArticleDocument.CitedSource(s.text(), s.kind() == null ? null : s.kind().name(),
                                s.entity(), s.cue(), s.sentence(), s.start(), s.end()))
                        .toList(),
                enriched.topics().stream().map(t -> new ArticleDocument.Topic(t.code(), t.label(), t.score())).toList(),
                article.publishedAt(),
                article.publishedAtSource().name(),
                article.modifiedAt(),
                article.fetchedAt(),
                enriched.enrichedAt(),
                indexedAt);
    }

    /** Published time with its original offset; without one, the first known of fetched, enriched and indexed time. */
    static OffsetDateTime timestampOf(EnrichedArticle enriched, Instant indexedAt) {
        RawArticle article = enriched.article();
        if (article.publishedAt() != null) {
            return article.publishedAt();
        }
        Instant fallback = article.fetchedAt() != null ? article.fetchedAt()
                : enriched.enrichedAt() != null ? enriched.enrichedAt() : indexedAt;
        return fallback.atOffset(ZoneOffset.UTC);
    }

    static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static ArticleDocument.Feed feedOf(FeedRef feed) {
        return feed == null ? null : new ArticleDocument.Feed(feed.id(), feed.url(), feed.title());
    }

    private static ArticleDocument.Publisher publisherOf(PublisherInfo publisher) {
        return publisher == null ? null : new ArticleDocument.Publisher(publisher.id(), publisher.name(), publisher.domain(),
                publisher.country(), publisher.kind(), publisher.source());
    }
}
