package io.newsflow.ingest.state;

import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of every feed this instance knows, in memory. Loaded once from {@code news.ingest.state}; after that
 * this instance is the only writer of its feeds' states, so the map is kept current by the poll loop itself.
 * Used by the poll thread only.
 */
public final class FeedStates {

    private static final Logger log = LoggerFactory.getLogger(FeedStates.class);

    private final Map<String, FeedState> byFeedId = new HashMap<>();

    /** The states on {@code news.ingest.state}. A value that cannot be read is logged and the feed starts afresh. */
    public static FeedStates load(CompactedTopicReader reader) {
        FeedStates states = new FeedStates();
        reader.readAll(Topics.INGEST_STATE).forEach((feedId, value) -> {
            try {
                states.put(Json.fromBytes(value, FeedState.class));
            } catch (InvalidRecordException e) {
                log.warn("state of feed {} on {} cannot be read, starting it afresh: {}", feedId, Topics.INGEST_STATE, e.getMessage());
            }
        });
        log.info("loaded the state of {} feeds from {}", states.size(), Topics.INGEST_STATE);
        return states;
    }

    /** The state of the feed, or its initial state if it was never polled. */
    public FeedState get(String feedId, String feedUrl) {
        FeedState state = byFeedId.get(feedId);
        return state != null ? state : FeedState.initial(feedId, feedUrl);
    }

    public void put(FeedState state) {
        byFeedId.put(state.feedId(), state);
    }

    public int size() {
        return byFeedId.size();
    }
}
