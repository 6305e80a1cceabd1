package io.newsflow.core.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a feed item said about its article, kept beside the values ingest took from the page, so a consumer can see
 * both where they disagree (the record's own fields hold the preferred value; its {@code provenance} says whose).
 *
 * @param title       the item's title, or null
 * @param link        the item's link as given, or null
 * @param publishedAt the item's date with the offset the feed gave, or null
 * @param authors     the item's author names, cleaned, possibly empty
 */
public record FeedItemValues(String title, String link, OffsetDateTime publishedAt, List<String> authors) {

    /** @throws NullPointerException if an author is null */
    public FeedItemValues {
        authors = Fields.list(authors, "feedItem.authors");
    }
}
