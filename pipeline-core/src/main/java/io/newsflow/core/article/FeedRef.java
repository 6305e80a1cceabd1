package io.newsflow.core.article;

/**
 * The feed an article was found in.
 *
 * @param id        the feed id (stable hash of the feed URL, see {@link FeedRef#idOf})
 * @param url       the feed URL
 * @param title     the feed's own title, or null
 * @param publisher the publisher name the subscription names, or null
 */
public record FeedRef(String id, String url, String title, String publisher) {

    /** @throws NullPointerException if id or url is null */
    public FeedRef {
        Fields.required(id, "id");
        Fields.required(url, "url");
    }

    /** The feed id for a feed URL: the same normalisation and hash as article ids. */
    public static String idOf(String feedUrl) {
        return ArticleId.of(feedUrl);
    }
}
