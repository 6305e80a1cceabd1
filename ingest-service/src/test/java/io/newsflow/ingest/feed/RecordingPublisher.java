package io.newsflow.ingest.feed;

import io.newsflow.core.article.RawArticle;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.PublishException;
import io.newsflow.ingest.state.FeedState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for Kafka: keeps what each poll published, and fails when told to. */
final class RecordingPublisher implements ArticlePublisher {

    record Publication(List<RawArticle> articles, FeedState state) {
    }

    final List<Publication> publications = new CopyOnWriteArrayList<>();
    volatile RuntimeException failWith;
    volatile boolean failNext;
    volatile boolean refuseNextAsNotOwned;

    @Override
    public void publish(List<RawArticle> articles, FeedState state) throws PublishException {
        if (failWith != null) {
            throw failWith;
        }
        if (refuseNextAsNotOwned) {
            refuseNextAsNotOwned = false;
            throw new PublishException("the feed is no longer assigned to this instance", null, true);
        }
        if (failNext) {
            failNext = false;
            throw new PublishException("transaction aborted: broker went away", null);
        }
        publications.add(new Publication(List.copyOf(articles), state));
    }

    Publication last() {
        return publications.getLast();
    }
}
