package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One article as ingest-service publishes it to {@code news.articles.raw}.
 * Keyed by {@link #id()}; the value is this record as JSON (see {@code schema/raw-article.schema.json}).
 * The constructor refuses what that schema refuses, so a bad record fails where it is built, and one read from a
 * topic fails in {@code Json} (and is dead-lettered).
 *
 * @param schemaVersion     version of this record format, {@link #SCHEMA_VERSION} when written by this code
 * @param id                article id: {@link ArticleId#of} of {@link #url()}
 * @param url               canonical URL, normalised (the page's canonical link if it has one, else the item link)
 * @param itemUrl           the link as the feed item gave it
 * @param feed              the feed it was found in
 * @param title             headline
 * @param text              main text, paragraphs separated by blank lines
 * @param summary           the feed item's description as plain text, or null
 * @param authors           author names as found (cleaned of "By" and the like), possibly empty
 * @param language          BCP 47 language tag as declared by the page or feed, or null
 * @param siteName          the site's name as the page declares it (og:site_name and the like), or null
 * @param publishedAt       publication time with the offset the source gave, or null
 * @param publishedAtSource where {@link #publishedAt()} came from; {@link DateSource#NONE} exactly when it is null
 * @param modifiedAt        last modification time with its original offset, or null
 * @param fetchedAt         when ingest fetched the page
 * @param imageUrl          the page's lead image, absolute, or null
 * @param section           the site section the page names ("World"), or null
 * @param keywords          the page's own keywords or tags, possibly empty
 * @param paywalled         true when the page says it is not free to read or shows only a teaser, null when unknown
 * @param revision          1 for an article's first publication, one more each time ingest publishes changed content
 *                          under the same id (records written before revisions existed read as 1)
 * @param provenance        for each page-derived field, where its value came from ("title" -> "json-ld"); possibly empty
 * @param feedItem          what the feed item itself said, kept beside the page's values, or null
 */
public record RawArticle(
        // Jackson would read an absent number as 0; FAIL makes an absent or null one an error, as the schema requires.
        @JsonSetter(nulls = Nulls.FAIL) int schemaVersion,
        String id,
        String url,
        String itemUrl,
        FeedRef feed,
        String title,
        String text,
        String summary,
        List<String> authors,
        String language,
        String siteName,
        OffsetDateTime publishedAt,
        DateSource publishedAtSource,
        OffsetDateTime modifiedAt,
        Instant fetchedAt,
        String imageUrl,
        String section,
        List<String> keywords,
        Boolean paywalled,
        int revision,
        Map<String, String> provenance,
        FeedItemValues feedItem) {

    public static final int SCHEMA_VERSION = 1;

    /** An article with only the fields every version of this record had: no page metadata, revision 1. */
    public RawArticle(int schemaVersion, String id, String url, String itemUrl, FeedRef feed, String title, String text,
                      String summary, List<String> authors, String language, String siteName, OffsetDateTime publishedAt,
                      DateSource publishedAtSource, OffsetDateTime modifiedAt, Instant fetchedAt) {
        this(schemaVersion, id, url, itemUrl, feed, title, text, summary, authors, language, siteName, publishedAt,
                publishedAtSource, modifiedAt, fetchedAt, null, null, List.of(), null, 1, Map.of(), null);
    }

    /**
     * @throws NullPointerException     if a required field is null: id, url, feed, fetchedAt, and publishedAtSource
     *                                  when publishedAt is set (without publishedAt it defaults to NONE)
     * @throws IllegalArgumentException if schemaVersion is not {@link #SCHEMA_VERSION}, id is not 32 lowercase hex
     *                                  characters, publishedAtSource is NONE for a date or another source for none, or
     *                                  revision is negative
     */
    @JsonCreator
    public RawArticle {
        Fields.schemaVersion(schemaVersion, SCHEMA_VERSION, "RawArticle");
        Fields.required(id, "id");
        if (!ArticleId.isWellFormed(id)) {
            throw new IllegalArgumentException("id '" + id + "' is not 32 lowercase hex characters (ArticleId.of the url)");
        }
        Fields.required(url, "url");
        Fields.required(feed, "feed");
        Fields.required(fetchedAt, "fetchedAt");
        authors = Fields.list(authors, "authors");
        keywords = Fields.list(keywords, "keywords");
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
        if (revision < 0) {
            throw new IllegalArgumentException("revision " + revision + " of article " + id + " is negative; the first is 1");
        }
        revision = Math.max(revision, 1);
        if (publishedAt == null) {
            publishedAtSource = publishedAtSource == null ? DateSource.NONE : publishedAtSource;
            if (publishedAtSource != DateSource.NONE) {
                throw new IllegalArgumentException("publishedAtSource is " + publishedAtSource
                        + " but publishedAt is missing: a record without a date has publishedAtSource NONE");
            }
        } else if (Fields.required(publishedAtSource, "publishedAtSource") == DateSource.NONE) {
            throw new IllegalArgumentException("publishedAtSource is NONE but publishedAt is " + publishedAt
                    + ": name where the date came from (FEED, PAGE or URL)");
        }
    }

    /** This article with another revision number: the same id published again with changed content. */
    public RawArticle withRevision(int newRevision) {
        return new RawArticle(schemaVersion, id, url, itemUrl, feed, title, text, summary, authors, language, siteName,
                publishedAt, publishedAtSource, modifiedAt, fetchedAt, imageUrl, section, keywords, paywalled,
                newRevision, provenance, feedItem);
    }
}
