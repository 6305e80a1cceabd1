package io.newsflow.ingest.feed;

import io.newsflow.core.article.FeedRef;

/**
 * A subscription to one feed: the value of a record on the compacted topic {@code news.feeds}, keyed by {@link #id()}.
 *
 * @param id        the feed id, {@link FeedRef#idOf} of the URL
 * @param url       the feed URL
 * @param title     a title given with the subscription, or null
 * @param publisher the publisher the feed's articles are attributed to, or null
 */
public record FeedSubscription(String id, String url, String title, String publisher) {

    /** A subscription to {@code url}, with its id computed. */
    public static FeedSubscription of(String url, String title, String publisher) {
        String stripped = url.strip();
        return new FeedSubscription(FeedRef.idOf(stripped), stripped, blankToNull(title), blankToNull(publisher));
    }

    /** The feed reference articles carry; the subscription's title wins over the feed's own. */
    public FeedRef ref(String feedTitle) {
        return new FeedRef(id, url, title != null ? title : feedTitle, publisher);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
