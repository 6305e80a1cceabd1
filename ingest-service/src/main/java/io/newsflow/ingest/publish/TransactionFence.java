package io.newsflow.ingest.publish;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * What proves, inside a transaction, that this instance still polls a feed: consumer-group offsets of the feed's
 * {@code news.feeds} partition, committed with the transaction under the group generation this instance holds. The
 * group coordinator refuses them from an instance whose generation is stale (a zombie that lost the feed in a
 * rebalance it did not see), which aborts its transaction: its articles and the feed's state are never committed.
 */
public interface TransactionFence {

    /** The offsets to commit with a feed's transaction and the group generation to commit them under. */
    record Fence(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
    }

    /** Thrown when this instance no longer polls the feed: its poll must not be published. */
    final class NotOwnedException extends Exception {
        public NotOwnedException(String message) {
            super(message);
        }
    }

    /** @throws NotOwnedException if the feed is not assigned to this instance (any more) */
    Fence of(String feedId) throws NotOwnedException;
}
