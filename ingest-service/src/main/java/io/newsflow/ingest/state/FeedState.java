package io.newsflow.ingest.state;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
 * @param nextCheckAt         when the feed is due next (the schedule's choice after the last poll), or null for one
 *                            interval after the last poll
 * @param failingSince        when the current run of failed polls began, or null while the feed is well
 * @param movedTo             where a permanent redirect said the feed now lives (polled instead of its URL), or null
 * @param published           the articles this feed published, by article id, oldest first, at most
 *                            {@link #MAX_PUBLISHED}: which item they came from and fingerprints of the item and of the
 *                            article, so that an item under a new link whose page names a known canonical URL is not
 *                            published again, and an item whose content changed is published as the next revision
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
        long articlesPublished,
        Instant nextCheckAt,
        Instant failingSince,
        String movedTo,
        @JsonDeserialize(as = LinkedHashMap.class) Map<String, Published> published) {

    /**
     * What was published of one article.
     *
     * @param itemId      the item (article id of its link) it was last published from
     * @param itemHash    fingerprint of that item's title, description, content and dates
     * @param contentHash fingerprint of the article's title, text and summary as published
     * @param revision    the revision published last
     */
    public record Published(String itemId, String itemHash, String contentHash, int revision) {
    }

    /** Articles remembered per feed: far more than a feed lists at once. */
    public static final int MAX_PUBLISHED = 1000;

    /** Failed polls in a row after which a feed counts as failing rather than backing off. */
    public static final int FAILING_AFTER = 3;

    /** A feed's health as the CLI and the metrics show it. */
    public enum Health {
        /** The last poll went well (or the feed was never polled). */
        OK,
        /** The last polls failed, or the server asked to wait: the feed is retried later, with backoff. */
        BACKING_OFF,
        /** {@value #FAILING_AFTER} or more polls in a row failed; it is still retried, at the backoff ceiling at worst. */
        FAILING
    }

    /** Enough to cover every item a feed still lists; older ids fall off first. */
    public static final int MAX_SEEN_ITEMS = 5000;

    public FeedState {
        seenItems = bounded(seenItems == null ? Set.of() : seenItems);
        published = boundedPublished(published == null ? Map.of() : published);
    }

    /** Which article each remembered item was published as: item id to article id. */
    public Map<String, String> articleOfItem() {
        Map<String, String> index = new HashMap<>();
        published.forEach((articleId, p) -> index.put(p.itemId(), articleId));
        return index;
    }

    /** This state with {@code updates} remembered (the newest last, so they are kept longest). */
    public FeedState withPublished(Map<String, Published> updates) {
        LinkedHashMap<String, Published> all = new LinkedHashMap<>(published);
        updates.forEach((id, p) -> {
            all.remove(id);
            all.put(id, p);
        });
        return new FeedState(feedId, feedUrl, etag, lastModified, seenItems, polls, consecutiveFailures, lastStatus, lastError,
                lastPolledAt, articlesPublished, nextCheckAt, failingSince, movedTo, all);
    }

    /** The state of a feed never polled. */
    public static FeedState initial(String feedId, String feedUrl) {
        return new FeedState(feedId, feedUrl, null, null, Set.of(), 0, 0, null, null, null, 0, null, null, null, Map.of());
    }

    /** The URL to poll: where the feed moved to, else its own. */
    public String pollUrl() {
        return movedTo != null ? movedTo : feedUrl;
    }

    public Health health() {
        if (consecutiveFailures == 0) {
            return Health.OK;
        }
        return consecutiveFailures >= FAILING_AFTER ? Health.FAILING : Health.BACKING_OFF;
    }

    public boolean hasSeen(String articleId) {
        return seenItems.contains(articleId);
    }

    /** When the feed is next due: when the schedule said, else at once if never polled, else one interval after the last poll. */
    public Instant dueAt(Duration interval) {
        if (nextCheckAt != null) {
            return nextCheckAt;
        }
        return lastPolledAt == null ? Instant.MIN : lastPolledAt.plus(interval);
    }

    /** This state, unchanged but for when the feed is due: a poll that did not count is tried again at {@code next}. */
    public FeedState retryAt(Instant next) {
        return new FeedState(feedId, feedUrl, etag, lastModified, seenItems, polls, consecutiveFailures, lastStatus, lastError,
                lastPolledAt, articlesPublished, next, failingSince, movedTo, published);
    }

    /**
     * The state after a good poll.
     *
     * @param newlySeen article ids of the items handled in this poll, oldest first
     * @param published articles published in this poll
     * @param next      when to poll next
     */
    public FeedState succeeded(Instant at, String status, String etag, String lastModified,
                               Collection<String> newlySeen, int published, Instant next) {
        LinkedHashSet<String> seen = new LinkedHashSet<>(seenItems);
        seen.addAll(newlySeen);
        return new FeedState(feedId, feedUrl, etag, lastModified, seen, polls + 1, 0, status, null, at,
                articlesPublished + published, next, null, movedTo, this.published);
    }

    /**
     * The state after a failed poll: the failure counts (a run of failures begins if none was going on); nothing
     * else changes, so the next poll tries the same items again.
     */
    public FeedState failed(Instant at, String status, String error, Instant next) {
        return new FeedState(feedId, feedUrl, etag, lastModified, seenItems, polls + 1, consecutiveFailures + 1,
                status, error, at, articlesPublished, next, failingSince != null ? failingSince : at, movedTo, published);
    }

    /**
     * The state after a poll that failed because this instance's network seems down: the failure is recorded but not
     * counted against the feed, so the feed's backoff does not grow for a fault that is not its own.
     */
    public FeedState paused(Instant at, String status, String error, Instant next) {
        return new FeedState(feedId, feedUrl, etag, lastModified, seenItems, polls + 1, consecutiveFailures,
                status, error, at, articlesPublished, next, failingSince, movedTo, published);
    }

    /** This state with the feed's new address after a permanent redirect. */
    public FeedState movedTo(String url) {
        return new FeedState(feedId, feedUrl, etag, lastModified, seenItems, polls, consecutiveFailures,
                lastStatus, lastError, lastPolledAt, articlesPublished, nextCheckAt, failingSince, url, published);
    }

    private static Map<String, Published> boundedPublished(Map<String, Published> articles) {
        LinkedHashMap<String, Published> kept = new LinkedHashMap<>(articles);
        Iterator<String> oldest = kept.keySet().iterator();
        for (int excess = kept.size() - MAX_PUBLISHED; excess > 0; excess--) {
            oldest.next();
            oldest.remove();
        }
        return Collections.unmodifiableSequencedMap(kept);
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
