package io.newsflow.index.document;

import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
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
     * The document for {@code article}, read from its partition at {@code offset}. A record of a schema version this
     * service does not know never gets here: {@code Json} refuses to read it, and the consumer dead-letters it.
     */
    public IndexDocument map(EnrichedArticle article, long offset) {
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
        List<String> authors = attribution.authors().isEmpty() ? article.authors() : attribution.authors();
        return new ArticleDocument(
                timestampOf(article),
                article.id(),
                article.url(),
                hostOf(article.url()),
                article.language(),
                article.siteName(),
                article.title(),
                article.text(),
                article.summary(),
                authors,
                new ArticleDocument.Feed(article.feed().id(), article.feed().url(), article.feed().title()),
                publisherOf(attribution.publisher()),
                attribution.citedSources().stream()
                        .map(s -> new ArticleDocument.CitedSource(s.text(), s.kind().name(), s.entity(), s.cue(), s.sentence(),
                                s.start(), s.end()))
                        .toList(),
                enriched.topics().stream().map(t -> new ArticleDocument.Topic(t.code(), t.label(), t.score())).toList(),
                article.publishedAt(),
                article.publishedAtSource().name(),
                article.modifiedAt(),
                article.fetchedAt(),
                enriched.enrichedAt(),
                indexedAt);
    }

    /** Published time with its original offset; without one, the fetch time (which every article has). */
    static OffsetDateTime timestampOf(RawArticle article) {
        return article.publishedAt() != null ? article.publishedAt() : article.fetchedAt().atOffset(ZoneOffset.UTC);
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

    private static ArticleDocument.Publisher publisherOf(PublisherInfo publisher) {
        return publisher == null ? null : new ArticleDocument.Publisher(publisher.id(), publisher.name(), publisher.domain(),
                publisher.country(), publisher.kind(), publisher.source());
    }
}
