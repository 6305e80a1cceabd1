package io.newsflow.index.document;

import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.DetectedLanguage;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.Entity;
import io.newsflow.core.article.FeedItemValues;
import io.newsflow.core.article.Place;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.Story;
import io.newsflow.core.article.Syndication;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns an enriched article, read at a Kafka offset, into the document the index stores. */
public final class DocumentMapper {

    /** The provenance key of the publication date. */
    private static final String PUBLISHED_AT = "publishedAt";
    private static final Set<CitedSource.Kind> NAMED_KINDS = EnumSet.of(
            CitedSource.Kind.OUTLET, CitedSource.Kind.PERSON, CitedSource.Kind.ORGANISATION);

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
        DetectedLanguage language = enriched.language();
        List<Place> places = enriched.places();
        Syndication syndication = enriched.syndication();
        Story story = enriched.story();
        return new ArticleDocument(
                timestampOf(article),
                article.id(),
                article.url(),
                hostOf(article.url()),
                language != null ? language.code() : primaryLanguage(article.language()),
                article.language(),
                language == null ? null : language.confidence(),
                language == null ? null : language.source(),
                article.siteName(),
                article.title(),
                article.text(),
                article.summary(),
                authors,
                enriched.keywords(),
                article.keywords(),
                article.section(),
                article.imageUrl(),
                article.paywalled(),
                article.revision(),
                article.provenance().isEmpty() ? null : article.provenance(),
                feedItemOf(article.feedItem()),
                new ArticleDocument.Feed(article.feed().id(), article.feed().url(), article.feed().title(), article.feed().publisher()),
                publisherOf(attribution.publisher()),
                attribution.citedSources().stream()
                        .map(s -> new ArticleDocument.CitedSource(s.text(), s.kind().name(), s.entity(), s.cue(), s.sentence(),
                                s.start(), s.end()))
                        .toList(),
                distinct(attribution.citedSources().stream().map(DocumentMapper::nameOf)),
                distinct(attribution.citedSources().stream().map(s -> s.kind().name())),
                enriched.topics().stream()
                        .map(t -> new ArticleDocument.Topic(t.code(), t.label(), t.score(), t.level(), t.ancestors()))
                        .toList(),
                distinct(enriched.topics().stream().flatMap(t -> Stream.concat(t.ancestors().stream(), Stream.of(t.code())))),
                distinct(enriched.topics().stream().map(TopicTag::label)),
                enriched.entities().stream()
                        .map(e -> new ArticleDocument.Entity(e.name(), e.kind().name(), e.wikidataId(), e.mentions(), e.salient()))
                        .toList(),
                distinct(enriched.entities().stream().map(Entity::name)),
                places.stream()
                        .map(p -> new ArticleDocument.Place(p.name(), p.matched(), p.kind().name(), p.countryCode(), locationOf(p),
                                p.geonameId(), p.wikidataId(), p.mentions(), p.salient()))
                        .toList(),
                distinct(places.stream().map(Place::name)),
                distinct(places.stream().map(Place::countryCode)),
                places.stream().map(DocumentMapper::locationOf).toList(),
                syndication.equals(Syndication.NONE) ? null : new ArticleDocument.Syndication(syndication.originalSource(),
                        syndication.originalSourceWikidataId(), syndication.disclaimer(), syndication.republished()),
                story == null ? null : new ArticleDocument.Story(story.storyId(), story.origin(), story.otherPublishers()),
                article.publishedAt(),
                article.publishedAtSource().name(),
                article.provenance().get(PUBLISHED_AT),
                article.modifiedAt(),
                article.fetchedAt(),
                enriched.enrichedAt(),
                indexedAt);
    }

    /**
     * What a cited source is called: the entity it links to, else its text where that is a name (an outlet, a person,
     * an organisation). "A senior diplomat" or "the report" name no one, and would only crowd the top-sources chart.
     */
    static String nameOf(CitedSource source) {
        if (source.entity() != null) {
            return source.entity();
        }
        return NAMED_KINDS.contains(source.kind()) ? source.text() : null;
    }

    /** "en-GB" -> "en", the form the detected codes have, so that one field serves both. */
    static String primaryLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    }

    private static ArticleDocument.FeedItem feedItemOf(FeedItemValues item) {
        return item == null ? null : new ArticleDocument.FeedItem(item.title(), item.link(), item.publishedAt(), item.authors());
    }

    private static ArticleDocument.Location locationOf(Place place) {
        return new ArticleDocument.Location(place.location().lat(), place.location().lon());
    }

    /** Each value once, in first-seen order, without nulls. */
    private static List<String> distinct(Stream<String> values) {
        return values.filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
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
