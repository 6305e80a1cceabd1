package io.newsflow.ingest.publish;

import io.newsflow.core.article.RawArticle;
import io.newsflow.ingest.state.FeedState;

import java.util.List;

/** Where a feed poll's results go: its new articles and the feed's new state, together. */
public interface ArticlePublisher {

    /**
     * Publishes the articles found in one poll of a feed and the feed's state after it: all of it or none of it,
     * so that an item is never marked seen without its article, nor published twice.
     *
     * @throws PublishException      nothing was published; the same poll can be tried again later
     * @throws FatalPublishException this publisher can never publish again (e.g. another instance took over its identity)
     */
    void publish(List<RawArticle> articles, FeedState state) throws PublishException;
}
