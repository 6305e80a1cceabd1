package io.newsflow.ingest.feed;

import java.time.Duration;
import java.util.List;

/**
 * A feed document as read: RSS, Atom, JSON Feed, or a (news) sitemap.
 *
 * @param type     the format recognised, e.g. {@code rss_2.0}, {@code atom_1.0}, {@code json_1.1}, {@code sitemap_news}
 * @param title    the feed's own title, or null
 * @param language the feed's declared language, or null
 * @param items    the items in document order
 * @param ttl      how long the feed says it may be cached (RSS {@code <ttl>}), or null
 * @param sitemaps for a sitemap index, the URLs of the sitemaps to read (it has no items itself); else empty
 */
public record ParsedFeed(String type, String title, String language, List<FeedItem> items, Duration ttl, List<String> sitemaps) {

    public ParsedFeed {
        items = List.copyOf(items);
        sitemaps = List.copyOf(sitemaps);
    }
}
