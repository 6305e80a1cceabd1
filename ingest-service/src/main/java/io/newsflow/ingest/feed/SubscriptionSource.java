package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;

import java.util.List;

/** The feeds to poll, read afresh each poll round so that feeds added or removed while running take effect. */
public interface SubscriptionSource {

    /**
     * The current subscriptions.
     *
     * @throws RuntimeException if they cannot be read now; the poll loop then keeps the last ones it had
     */
    List<FeedSubscription> subscriptions();

    /**
     * Whether this instance still polls the feed: false once it was taken away (another instance polls it now).
     * A source that is never shared owns every feed.
     */
    default boolean owns(String feedId) {
        return true;
    }
}
