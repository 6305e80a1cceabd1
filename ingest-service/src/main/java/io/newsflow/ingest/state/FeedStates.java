package io.newsflow.ingest.state;

import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of every feed this instance polls, in memory. Loaded from {@code news.ingest.state} when feeds are
 * assigned to this instance; while it polls them it is their only writer, so the map is kept current by the polls
 * themselves. Thread-safe.
 */
public final class FeedStates {

    private static final Logger log = LoggerFactory.getLogger(FeedStates.class);

    private final Map<String, FeedState> byFeedId = new ConcurrentHashMap<>();

    /**
     * Takes the states read from {@code news.ingest.state} (feed id to record value). A value that cannot be read is
     * logged and its feed starts afresh. Returns how many were taken.
     */
    public int load(Map<String, byte[]> values) {
        int loaded = 0;
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            try {
                put(Json.fromBytes(value.getValue(), FeedState.class));
                loaded++;
            } catch (InvalidRecordException e) {
                log.warn("state of feed {} on {} cannot be read, starting it afresh: {}", value.getKey(), Topics.INGEST_STATE, e.getMessage());
            }
        }
        return loaded;
    }

    /** The state of the feed, or its initial state if it was never polled. */
    public FeedState get(String feedId, String feedUrl) {
        FeedState state = byFeedId.get(feedId);
        return state != null ? state : FeedState.initial(feedId, feedUrl);
    }

    public void put(FeedState state) {
        byFeedId.put(state.feedId(), state);
    }

    /** Forgets the states of feeds this instance no longer polls. */
    public void removeAll(Collection<String> feedIds) {
        feedIds.forEach(byFeedId::remove);
    }

    public int size() {
        return byFeedId.size();
    }
}
