package io.newsflow.core.feed;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.config.Settings;

import java.time.Duration;

/**
 * A subscription to one feed: the value of a record on the compacted topic {@code news.feeds}, keyed by {@link #id()}.
 * The launcher's {@code feeds} commands write it and ingest-service reads it, so it is part of the contract.
 *
 * @param id           the feed id, {@link FeedRef#idOf} of the URL
 * @param url          the feed URL
 * @param title        a title given with the subscription, or null
 * @param publisher    the publisher the feed's articles are attributed to, or null
 * @param pollInterval time between two polls of this feed, or null for ingest-service's configured interval;
 *                     ISO-8601 in JSON ({@code "PT5M"})
 */
public record FeedSubscription(String id, String url, String title, String publisher,
                               // Without STRING the JavaTimeModule writes a duration as a number of seconds.
                               @JsonFormat(shape = JsonFormat.Shape.STRING) Duration pollInterval) {

    /** @throws IllegalArgumentException if {@code pollInterval} is zero or negative */
    public FeedSubscription {
        if (pollInterval != null && (pollInterval.isZero() || pollInterval.isNegative())) {
            throw new IllegalArgumentException("pollInterval " + pollInterval + " must be a positive duration");
        }
    }

    /** A subscription to {@code url} polled at the configured interval, with its id computed. */
    public static FeedSubscription of(String url, String title, String publisher) {
        return of(url, title, publisher, null);
    }

    /** A subscription to {@code url}, with its id computed; {@code pollInterval} may be null. */
    public static FeedSubscription of(String url, String title, String publisher, Duration pollInterval) {
        String stripped = url.strip();
        return new FeedSubscription(FeedRef.idOf(stripped), stripped, blankToNull(title), blankToNull(publisher), pollInterval);
    }

    /**
     * A poll interval as people write it in feed lists and on the command line: {@code 30s}, {@code 5m}, {@code 2h},
     * or ISO-8601 ({@code PT5M}), the same forms as the services' duration settings.
     *
     * @throws IllegalArgumentException if {@code text} is no such duration or is not positive
     */
    public static Duration parseInterval(String text) {
        String refused = "\"" + text + "\" is not a positive duration such as 30s, 5m, 2h or PT5M";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(refused);
        }
        Duration interval;
        try {
            interval = Settings.parseDuration(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(refused, e);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(refused);
        }
        return interval;
    }

    /** The time between two polls of this feed: its own interval if it has one, else {@code configured}. */
    public Duration pollIntervalOr(Duration configured) {
        return pollInterval != null ? pollInterval : configured;
    }

    /** The feed reference articles carry; the subscription's title wins over the feed's own. */
    public FeedRef ref(String feedTitle) {
        return new FeedRef(id, url, title != null ? title : feedTitle, publisher);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
