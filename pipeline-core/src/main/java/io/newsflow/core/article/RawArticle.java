package io.newsflow.core.article;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One article as ingest-service publishes it to {@code news.articles.raw}.
 * Keyed by {@link #id()}; the value is this record as JSON (see {@code schema/raw-article.schema.json}).
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
 * @param publishedAtSource where {@link #publishedAt()} came from
 * @param modifiedAt        last modification time with its original offset, or null
 * @param fetchedAt         when ingest fetched the page
 */
public record RawArticle(
        int schemaVersion,
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
        Instant fetchedAt) {

    public static final int SCHEMA_VERSION = 1;

    public RawArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        authors = authors == null ? List.of() : List.copyOf(authors);
        publishedAtSource = publishedAtSource == null ? DateSource.NONE : publishedAtSource;
    }
}
