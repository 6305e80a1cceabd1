package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import io.newsflow.ingest.state.CompactedTopicReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The subscriptions on the compacted topic {@code news.feeds}, read whole each time; a tombstone removes a feed. */
public final class KafkaSubscriptions implements SubscriptionSource {

    private static final Logger log = LoggerFactory.getLogger(KafkaSubscriptions.class);

    private final CompactedTopicReader reader;

    public KafkaSubscriptions(CompactedTopicReader reader) {
        this.reader = reader;
    }

    @Override
    public List<FeedSubscription> subscriptions() {
        List<FeedSubscription> feeds = new ArrayList<>();
        for (Map.Entry<String, byte[]> record : reader.readAll(Topics.FEEDS).entrySet()) {
            FeedSubscription feed = decode(record.getKey(), record.getValue());
            if (feed != null) {
                feeds.add(feed);
            }
        }
        feeds.sort(Comparator.comparing(FeedSubscription::url));
        return feeds;
    }

    /** The subscription a record of {@code news.feeds} holds, or null (logged) if it holds none that is valid. */
    static FeedSubscription decode(String key, byte[] value) {
        try {
            FeedSubscription feed = Json.fromBytes(value, FeedSubscription.class);
            if (feed.url() == null || feed.url().isBlank()) {
                throw new InvalidRecordException("no url");
            }
            // The id is recomputed so that state, keys and articles agree whoever wrote the record.
            return FeedSubscription.of(feed.url(), feed.title(), feed.publisher(), feed.pollInterval());
        } catch (InvalidRecordException | IllegalArgumentException e) {
            log.warn("subscription {} on {} is not valid and is ignored: {}", key, Topics.FEEDS, e.getMessage());
            return null;
        }
    }
}
