package io.newsflow.index.document;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One article as the index stores it: field for field what {@code index/news-articles-template.json} maps.
 * These are the index's own records rather than the Kafka contract's: the mapping is strict, so a field added to the
 * contract must reach the index by a deliberate change here and in the template, never by accident.
 * Absent values are left out of the JSON.
 *
 * <p>Lists of objects whose parts belong together (cited sources, topics, entities, places) are {@code nested} in the
 * mapping, so that "cites a PERSON named X" matches one cited source, not a PERSON and an X from two. Kibana cannot
 * aggregate nested fields, so each of them also has flat keyword fields beside it ({@code citedSourceNames},
 * {@code topicLabels}, {@code placeLocations}, ...) for charts, filters and maps.
 *
 * @param timestamp             {@code @timestamp}: when the article was published, or, when no source gave a date,
 *                              when it was fetched ({@code publishedAtSource} NONE says so)
 * @param domain                host of the article URL without a leading {@code www.} (e.g. {@code edition.cnn.com};
 *                              {@code publisher.domain} is the registered domain, {@code cnn.com})
 * @param language              the article's language: the detected ISO 639-1 code, else the declared tag's primary subtag
 * @param languageDeclared      the BCP 47 tag the page or feed declared, as given
 * @param languageConfidence    how sure the detection is, 0 to 1
 * @param languageSource        {@code detected} or {@code declared}
 * @param keywords              enrichment's free keywords (lowercase)
 * @param pageKeywords          the page's own keywords or tags, as given
 * @param paywalled             true when the page is not free to read, null when unknown
 * @param revision              1 for the first publication of the article, one more for each changed version
 * @param provenance            for each page-derived field, where its value came from ({@code title: json-ld});
 *                              a {@code flattened} field, so that new field names need no mapping change
 * @param feedItem              what the feed item itself said, beside the page's values
 * @param citedSourceNames      the named cited sources: the linked entity, else the text for outlets, people and
 *                              organisations (anonymous and unnamed sources have no name)
 * @param citedSourceKinds      the kinds of source cited, each once
 * @param topicCodes            the codes of the tags and of all their ancestors, each once
 * @param topicLabels           the labels of the tags
 * @param entityNames           the names of all entities mentioned
 * @param placeNames            the canonical names of the places mentioned
 * @param placeCountryCodes     the countries of the places mentioned, each once
 * @param placeLocations        the places' coordinates, for maps
 * @param publishedAtSource     where {@code publishedAt} came from (FEED, PAGE, URL, NONE)
 * @param publishedAtProvenance which part of the page or feed gave {@code publishedAt} (json-ld, opengraph, ...)
 * @param indexedAt             when index-service wrote this version
 */
public record ArticleDocument(
        @JsonProperty("@timestamp") OffsetDateTime timestamp,
        String id,
        String url,
        String domain,
        String language,
        String languageDeclared,
        Double languageConfidence,
        String languageSource,
        String siteName,
        String title,
        String text,
        String summary,
        List<String> authors,
        List<String> keywords,
        List<String> pageKeywords,
        String section,
        String imageUrl,
        Boolean paywalled,
        int revision,
        Map<String, String> provenance,
        FeedItem feedItem,
        Feed feed,
        Publisher publisher,
        List<CitedSource> citedSources,
        List<String> citedSourceNames,
        List<String> citedSourceKinds,
        List<Topic> topics,
        List<String> topicCodes,
        List<String> topicLabels,
        List<Entity> entities,
        List<String> entityNames,
        List<Place> places,
        List<String> placeNames,
        List<String> placeCountryCodes,
        List<Location> placeLocations,
        Syndication syndication,
        Story story,
        OffsetDateTime publishedAt,
        String publishedAtSource,
        String publishedAtProvenance,
        OffsetDateTime modifiedAt,
        Instant fetchedAt,
        Instant enrichedAt,
        Instant indexedAt) {

    public record Feed(String id, String url, String title, String publisher) {
    }

    public record FeedItem(String title, String link, OffsetDateTime publishedAt, List<String> authors) {
    }

    public record Publisher(String id, String name, String domain, String country, String kind, String source) {
    }

    /** {@code start}/{@code end}: character offsets of {@code text} in the article text. */
    public record CitedSource(String text, String kind, String entity, String cue, String sentence, int start, int end) {
    }

    /** {@code level} is null in records written before levels. */
    public record Topic(String code, String label, double score, Integer level, List<String> ancestors) {
    }

    public record Entity(String name, String kind, String wikidataId, int mentions, boolean salient) {
    }

    public record Place(String name, String matched, String kind, String countryCode, Location location, Long geonameId,
                        String wikidataId, int mentions, boolean salient) {
    }

    /** A geo_point as an object, the form Kibana Maps reads. */
    public record Location(double lat, double lon) {
    }

    public record Syndication(String originalSource, String originalSourceWikidataId, String disclaimer, boolean republished) {
    }

    public record Story(String storyId, boolean origin, List<String> otherPublishers) {
    }
}
