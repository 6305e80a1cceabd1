package io.newsflow.ingest.feed;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One item of a parsed feed.
 *
 * @param link        the item's link, resolved against the feed URL, or null when it has none
 * @param title       the item title as plain text, or null
 * @param description the item's description or summary (HTML allowed), or null
 * @param content     the item's full content (content:encoded, Atom content; HTML allowed), or null
 * @param authors     author names as the feed gives them
 * @param publishedAt publication time with the offset the feed wrote it with (UTC when it could not be kept), or null
 * @param updatedAt   last update time, same rules, or null
 */
public record FeedItem(String link, String title, String description, String content, List<String> authors,
                       OffsetDateTime publishedAt, OffsetDateTime updatedAt) {

    public FeedItem {
        authors = authors == null ? List.of() : List.copyOf(authors);
    }
}
