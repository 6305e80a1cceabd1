package io.newsflow.ingest.feed;

import java.util.List;

/**
 * A feed document as read.
 *
 * @param type     the format Rome recognised, e.g. {@code rss_2.0} or {@code atom_1.0}
 * @param title    the feed's own title, or null
 * @param language the feed's declared language, or null
 * @param items    the items in document order
 */
public record ParsedFeed(String type, String title, String language, List<FeedItem> items) {

    public ParsedFeed {
        items = List.copyOf(items);
    }
}
