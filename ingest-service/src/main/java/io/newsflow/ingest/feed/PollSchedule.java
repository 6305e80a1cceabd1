package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;

import java.time.Duration;
import java.time.Instant;

/**
 * When a feed is polled next.
 * <ul>
 *   <li>After a good poll: the feed's interval (its subscription's, else the configured one), made longer, never
 *       shorter, by what the feed and the server say: {@code <ttl>}, {@code Cache-Control: max-age} or
 *       {@code Expires}, and the feed's own posting frequency (a quarter of the mean gap between its items' dates);
 *       then kept within {@code [minInterval, maxInterval]}.</li>
 *   <li>After a failed poll: exponential backoff, the interval times 2^(failures-1), up to {@code backoffCeiling},
 *       and at the ceiling for ever after: a feed is never abandoned. A {@code Retry-After} (429, 503) is honoured
 *       when it is longer, up to the ceiling too.</li>
 *   <li>While this instance's network seems down: {@code networkDownRetry}, without counting the failure.</li>
 * </ul>
 *
 * @param interval         the interval of a feed whose subscription gives none
 * @param minInterval      the shortest time between two polls of a feed, whatever its subscription says
 * @param maxInterval      the longest time between two good polls, whatever the feed's hints say
 * @param backoffCeiling   the longest time between two polls of a failing feed
 * @param networkDownRetry the time between two polls while the network seems down
 */
public record PollSchedule(Duration interval, Duration minInterval, Duration maxInterval, Duration backoffCeiling, Duration networkDownRetry) {

    /** What a good poll learned about when to come back; each may be null. */
    public record Hints(Duration ttl, Duration freshFor, Duration postingGap) {
        public static final Hints NONE = new Hints(null, null, null);
    }

    public PollSchedule {
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("the longest poll interval " + maxInterval + " is shorter than the shortest " + minInterval);
        }
    }

    /** The interval of {@code feed}: its subscription's, else the configured one. */
    public Duration intervalOf(FeedSubscription feed) {
        return feed.pollIntervalOr(interval);
    }

    public Instant afterSuccess(Instant now, FeedSubscription feed, Hints hints) {
        Duration next = intervalOf(feed);
        next = longer(next, hints.ttl());
        next = longer(next, hints.freshFor());
        next = longer(next, hints.postingGap() == null ? null : hints.postingGap().dividedBy(4));
        return now.plus(within(next, minInterval, maxInterval));
    }

    /**
     * @param failures   failed polls in a row, this one included (1 or more)
     * @param retryAfter what the server asked for, or null
     */
    public Instant afterFailure(Instant now, FeedSubscription feed, int failures, Duration retryAfter) {
        Duration base = within(intervalOf(feed), minInterval, backoffCeiling);
        Duration backoff = backoffCeiling;
        // 2^(failures-1) without overflow: past 30 doublings every base is over any sensible ceiling.
        if (failures <= 30) {
            long factor = 1L << Math.max(0, failures - 1);
            if (base.toMillis() <= backoffCeiling.toMillis() / factor) {
                backoff = base.multipliedBy(factor);
            }
        }
        backoff = within(longer(backoff, retryAfter), minInterval, backoffCeiling);
        return now.plus(backoff);
    }

    public Instant whileNetworkDown(Instant now) {
        return now.plus(networkDownRetry);
    }

    private static Duration longer(Duration current, Duration hint) {
        return hint != null && hint.compareTo(current) > 0 ? hint : current;
    }

    private static Duration within(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }
}
