package io.newsflow.ingest.state;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What ingest-service remembers about one feed between polls. Kept in the compacted topic
 * {@code news.ingest.state}, keyed by feed id, and written in the same transaction as the articles
 * a poll published, so that an item is marked seen exactly when its article is on the topic.
 *
 * @param feedId              the feed id
 * @param feedUrl             the feed URL polled
 * @param etag                the ETag of the last full response, sent back as {@code If-None-Match}
 * @param lastModified        the Last-Modified of the last full response, sent back as {@code If-Modified-Since}
 * @param seenItems           article ids of the item links already published, oldest first, at most {@link #MAX_SEEN_ITEMS}
 * @param polls               polls so far
 * @param consecutiveFailures failed polls since the last good one
 * @param lastStatus          outcome of the last poll: {@code ok}, {@code not-modified}, {@code http NNN} or {@code error: KIND}
 * @param lastError           what went wrong in the last poll, or null when it went well
 * @param lastPolledAt        when the last poll ended, or null before the first
 * @param articlesPublished   articles published from this feed so far
 */
public record FeedState(
        String feedId,
        String feedUrl,
        String etag,
        String lastModified,
        // Insertion order is what bounding keeps: a plain Set would come back from JSON as an unordered HashSet.
        @JsonDeserialize(as = LinkedHashSet.class) Set<String> seenItems,
        long polls,
        int consecutiveFailures,
        String lastStatus,
        String lastError,
        Instant lastPolledAt,
        long articlesPublished) {

    /** Enough to cover every item a feed still lists; older ids fall off first. */
    public static final int MAX_SEEN_ITEMS = 5000;

    public FeedState {
        seenItems = bounded(seenItems == null ? Set.of() : seenItems);
    }

    /** The state of a feed never polled. */
    public static FeedState initial(String feedId, String feedUrl) {
        return new FeedState(feedId, feedUrl, null, null, Set.of(), 0, 0, null, null, null, 0);
    }

    public boolean hasSeen(String articleId) {
        return seenItems.contains(articleId);
    }

    /** When the feed is next due: at once if never polled, else one interval after the last poll. */
    public Instant dueAt(Duration interval) {
        return lastPolledAt == null ? Instant.MIN : lastPolledAt.plus(interval);
    }

    /**
     * The state after a good poll.
     *
     * @param newlySeen article ids of the items handled in this poll, oldest first
     * @param published articles published in this poll
     */
    public FeedState succeeded(Instant at, String status, String etag, String lastModified,
                               Collection<String> newlySeen, int published) {
        LinkedHashSet<String> seen = new LinkedHashSet<>(seenItems);
        seen.addAll(newlySeen);
        return new FeedState(feedId, feedUrl, etag, lastModified, seen, polls + 1, 0, status, null, at,
                articlesPublished + published);
    }

    /** The state after a failed poll: nothing else changes, so the next poll tries the same items again. */
    public FeedState failed(Instant at, String status, String error) {
        return new FeedState(feedId, feedUrl, etag, lastModified, seenItems, polls + 1, consecutiveFailures + 1,
                status, error, at, articlesPublished);
    }

    private static Set<String> bounded(Set<String> items) {
        LinkedHashSet<String> kept = new LinkedHashSet<>(items);
        Iterator<String> oldest = kept.iterator();
        for (int excess = kept.size() - MAX_SEEN_ITEMS; excess > 0; excess--) {
            oldest.next();
            oldest.remove();
        }
        return Collections.unmodifiableSequencedSet(kept);
    }
}
