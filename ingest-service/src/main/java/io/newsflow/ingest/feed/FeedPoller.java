package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.FetchResponse;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.extract.ExtractedArticle;
import io.newsflow.ingest.feed.PollMetrics.Outcome;
import io.newsflow.ingest.fetch.FetchedPage;
import io.newsflow.ingest.fetch.PageFetcher;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.FatalPublishException;
import io.newsflow.ingest.publish.PublishException;
import io.newsflow.ingest.state.FeedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One poll of one feed: a conditional GET of the feed (at the address it moved to, if it did), parsing, then for each
 * item not seen before, or seen but changed since, its page is fetched and extracted and an article made. An article
 * whose id (from the page's canonical URL) this feed already published with the same content is not published again,
 * whatever new GUID or link its item has; one whose content changed is published as the next revision of the same id.
 * The new articles and the feed's new state, with when to poll next ({@link PollSchedule}), are published together.
 * Whatever the feed, its pages or Kafka do, a poll ends with a state that says what happened; only a
 * {@link FatalPublishException} leaves it. Each poll is counted by outcome, each fetch timed ({@link PollMetrics}).
 */
public final class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
    /** Failures that say nothing about the feed but that its host could not be reached, maybe by our fault. */
    private static final Set<FetchException.Reason> NETWORK_REASONS = EnumSet.of(
            FetchException.Reason.TRANSPORT, FetchException.Reason.TIMEOUT, FetchException.Reason.UNKNOWN_HOST);

    private final HttpFetcher http;
    private final FeedParser parser;
    private final PageFetcher pages;
    private final ArticleExtractor extractor;
    private final ArticleAssembler assembler;
    private final ArticlePublisher publisher;
    private final Clock clock;
    private final PollMetrics metrics;
    private final PollSchedule schedule;
    private final NetworkWatch network;

    public FeedPoller(HttpFetcher http, FeedParser parser, PageFetcher pages, ArticleExtractor extractor,
                      ArticleAssembler assembler, ArticlePublisher publisher, Clock clock, MeterRegistry registry,
                      PollSchedule schedule, NetworkWatch network) {
        this.http = http;
        this.parser = parser;
        this.pages = pages;
        this.extractor = extractor;
        this.assembler = assembler;
        this.publisher = publisher;
        this.clock = clock;
        this.metrics = new PollMetrics(registry);
        this.schedule = schedule;
        this.network = network;
    }

    /** What a poll found: the state to publish and the articles to publish with it, and how the poll went. */
    private record Found(FeedState state, List<RawArticle> articles, Outcome outcome) {
    }

    /**
     * Polls {@code feed} and publishes what is new.
     *
     * @param before the feed's state before this poll
     * @return the feed's state after it: the published one, or, if publishing failed or the thread was interrupted,
     *         one that keeps the items unseen so that the next poll tries them again
     */
    public FeedState poll(FeedSubscription feed, FeedState before) {
        long started = System.nanoTime();
        Found found;
        try {
            found = read(feed, before);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or a pathological document must cost this feed's poll, never the poll loop.
            log.atWarn().setCause(e).addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("poll of {} failed unexpectedly", feed.url());
            found = failed(feed, before, "error: internal", e.toString(), null, Outcome.INTERNAL_ERROR);
        }
        if (Thread.currentThread().isInterrupted()) {
            log.atInfo().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("poll of {} abandoned: the service is stopping", feed.url());
            return before;
        }
        FeedState after = found.state();
        int published = found.articles().size();
        Outcome outcome = found.outcome();
        try {
            publisher.publish(found.articles(), after);
        } catch (PublishException e) {
            if (e.ownershipLost()) {
                // The feed moved to another instance, or a rebalance is under way: nothing of this poll counts.
                metrics.polled(Outcome.PUBLISH_ERROR);
                log.atInfo().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                        .log("poll of {} dropped: {}", feed.url(), e.getMessage());
                return before.retryAt(clock.instant().plus(schedule.minInterval()));
            }
            after = failed(feed, before, "error: publish", e.getMessage(), null, Outcome.PUBLISH_ERROR).state();
            published = 0;
            outcome = Outcome.PUBLISH_ERROR;
        }
        metrics.polled(outcome);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (after.lastError() == null) {
            log.atInfo().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("polled {}: {}, new articles: {}, {} ms", feed.url(), after.lastStatus(), published, millis);
        } else {
            log.atWarn().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("polled {}: {}, new articles: {}, {} ms; failure {} in a row: {}", feed.url(), after.lastStatus(),
                            published, millis, after.consecutiveFailures(), after.lastError());
        }
        return after;
    }

    private Found read(FeedSubscription feed, FeedState state) {
        FetchResponse response;
        URI uri;
        try {
            uri = URI.create(state.pollUrl());
            response = metrics.fetch(PollMetrics.FEED, () -> http.get(uri, conditionalHeaders(state)));
        } catch (FetchException e) {
            String host = e.uri() == null ? null : e.uri().getHost();
            if (host != null && NETWORK_REASONS.contains(e.reason())) {
                network.unreachable(host);
                if (network.seemsDown()) {
                    Instant now = clock.instant();
                    return new Found(state.paused(now, "error: network down", e.getMessage()
                            + "; fetches to many hosts fail at once, so this instance's network seems down and the failure"
                            + " is not counted against the feed", schedule.whileNetworkDown(now)), List.of(), Outcome.FETCH_ERROR);
                }
            }
            return failed(feed, state, "error: fetch", e.getMessage(), null, Outcome.FETCH_ERROR);
        } catch (IllegalArgumentException e) {
            return failed(feed, state, "error: fetch", "feed URL " + state.pollUrl() + " is not valid: " + e.getMessage(), null, Outcome.FETCH_ERROR);
        }
        Instant now = clock.instant();
        network.responded(uri.getHost());
        FeedState current = state;
        if (response.permanentlyMovedTo().isPresent() && (response.notModified() || response.status() / 100 == 2)) {
            String moved = response.permanentlyMovedTo().get().toString();
            log.atInfo().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("feed {} moved permanently to {}; polling it there from now on", state.pollUrl(), moved);
            current = state.movedTo(moved);
        }
        String etag = response.header("ETag").orElse(null);
        String lastModified = response.header("Last-Modified").orElse(null);
        Duration freshFor = response.freshFor(now).orElse(null);
        if (response.notModified()) {
            return new Found(current.succeeded(now, "not-modified",
                    etag != null ? etag : current.etag(), lastModified != null ? lastModified : current.lastModified(), List.of(), 0,
                    schedule.afterSuccess(now, feed, new PollSchedule.Hints(null, freshFor, null))),
                    List.of(), Outcome.NOT_MODIFIED);
        }
        if (response.status() < 200 || response.status() > 299) {
            Duration retryAfter = response.status() == 429 || response.status() == 503 ? response.retryAfter(now).orElse(null) : null;
            return failed(feed, current, "http " + response.status(), "feed answered HTTP " + response.status() + " (" + response.uri() + ")"
                    + (retryAfter == null ? "" : "; it asked to retry after " + retryAfter.toSeconds() + " s"), retryAfter, Outcome.HTTP_ERROR);
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(response.body(), response.header("Content-Type").orElse(null), response.uri());
        } catch (FeedParseException e) {
            return failed(feed, current, "error: parse", e.getMessage(), null, Outcome.PARSE_ERROR);
        }
        if (!parsed.sitemaps().isEmpty()) {
            parsed = withSitemaps(feed, parsed);
        }
        PollSchedule.Hints hints = new PollSchedule.Hints(parsed.ttl(), freshFor, postingGap(parsed, now));

        FeedRef ref = feed.ref(parsed.title());
        List<String> newlySeen = new ArrayList<>();
        Map<String, RawArticle> articles = new LinkedHashMap<>();
        Map<String, FeedState.Published> marks = new LinkedHashMap<>();
        Map<String, String> articleOfItem = current.articleOfItem();
        Set<String> seenThisPoll = new HashSet<>();
        // Feeds list the newest first; going oldest first publishes in order and keeps the newest ids longest.
        for (FeedItem item : parsed.items().reversed()) {
            String itemId = itemId(feed, item);
            if (itemId == null || !seenThisPoll.add(itemId)) {
                continue;
            }
            String itemHash = fingerprint(item.title(), item.description(), item.content(), String.valueOf(item.publishedAt()),
                    String.valueOf(item.updatedAt()));
            if (current.hasSeen(itemId)) {
                FeedState.Published before = current.published().get(articleOfItem.getOrDefault(itemId, ""));
                // Unchanged, or seen before fingerprints were kept: nothing to do.
                if (before == null || before.itemHash().equals(itemHash)) {
                    continue;
                }
            } else {
                newlySeen.add(itemId);
            }
            RawArticle article = article(feed, item, ref, parsed.language());
            if (articles.containsKey(article.id())) {
                continue; // two links whose pages name the same canonical URL are one article
            }
            String contentHash = fingerprint(article.title(), article.text(), article.summary());
            FeedState.Published known = current.published().get(article.id());
            if (known != null && known.contentHash().equals(contentHash)) {
                // A new GUID or link for an article already published as it is: not new.
                marks.put(article.id(), new FeedState.Published(itemId, itemHash, contentHash, known.revision()));
                continue;
            }
            int revision = known == null ? 1 : known.revision() + 1;
            marks.put(article.id(), new FeedState.Published(itemId, itemHash, contentHash, revision));
            articles.put(article.id(), article.withRevision(revision));
        }
        Instant end = clock.instant();
        return new Found(current.succeeded(end, "ok", etag, lastModified, newlySeen, articles.size(), schedule.afterSuccess(end, feed, hints))
                .withPublished(marks), List.copyOf(articles.values()), Outcome.OK);
    }

    /** A short, stable fingerprint of some texts (nulls included), to tell changed content from unchanged. */
    static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A sitemap index with the items of its sitemaps; a sitemap that cannot be read is skipped (and logged). */
    private ParsedFeed withSitemaps(FeedSubscription feed, ParsedFeed index) {
        List<FeedItem> items = new ArrayList<>();
        String language = null;
        for (String url : index.sitemaps()) {
            try {
                URI uri = URI.create(url);
                FetchResponse response = metrics.fetch(PollMetrics.FEED, () -> http.get(uri));
                if (response.status() / 100 != 2) {
                    throw new FeedParseException("sitemap answered HTTP " + response.status(), null);
                }
                ParsedFeed sitemap = parser.parse(response.body(), response.header("Content-Type").orElse(null), response.uri());
                items.addAll(sitemap.items());
                language = language != null ? language : sitemap.language();
            } catch (FetchException | FeedParseException | IllegalArgumentException e) {
                log.atWarn().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                        .log("sitemap {} of index {} not read: {}", url, feed.url(), e.getMessage());
            }
        }
        return new ParsedFeed(index.type(), index.title(), language, items, index.ttl(), List.of());
    }

    /** The mean gap between the dates of the feed's newest items (at most 20, none in the future), or null. */
    static Duration postingGap(ParsedFeed feed, Instant now) {
        List<Instant> dates = new ArrayList<>();
        for (FeedItem item : feed.items()) {
            OffsetDateTime date = item.publishedAt() != null ? item.publishedAt() : item.updatedAt();
            if (date != null && !date.toInstant().isAfter(now)) {
                dates.add(date.toInstant());
            }
        }
        if (dates.size() < 2) {
            return null;
        }
        dates.sort(Comparator.reverseOrder());
        List<Instant> newest = dates.subList(0, Math.min(20, dates.size()));
        return Duration.between(newest.getLast(), newest.getFirst()).dividedBy(newest.size() - 1);
    }

    /** The article id of the item's link, which marks the item seen; null (and the item skipped) without a usable link. */
    private static String itemId(FeedSubscription feed, FeedItem item) {
        if (item.link() == null) {
            log.atDebug().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("item \"{}\" of {} has no link; skipped", item.title(), feed.url());
            return null;
        }
        try {
            return ArticleId.of(item.link());
        } catch (IllegalArgumentException e) {
            log.atWarn().addKeyValue("feed.id", feed.id()).addKeyValue("feed.url", feed.url())
                    .log("item link {} of {} is not an http(s) URL; skipped", item.link(), feed.url());
            return null;
        }
    }

    private RawArticle article(FeedSubscription feed, FeedItem item, FeedRef ref, String feedLanguage) {
        ExtractedArticle page = null;
        try {
            FetchedPage fetched = metrics.fetch(PollMetrics.PAGE, () -> pages.fetch(URI.create(item.link())));
            page = extractor.extract(fetched.body(), fetched.charset(), fetched.uri().toString());
        } catch (FetchException e) {
            log.atWarn().addKeyValue("article.id", ArticleId.of(item.link())).addKeyValue("feed.id", feed.id())
                    .log("page of item {} of {} not fetched, publishing the feed's own text instead: {}", item.link(), feed.url(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            log.atWarn().addKeyValue("article.id", ArticleId.of(item.link())).addKeyValue("feed.id", feed.id())
                    .log("page of item {} of {} not readable, publishing the feed's own text instead: {}", item.link(), feed.url(), e.toString());
        }
        return assembler.assemble(item, ref, feedLanguage, page, clock.instant());
    }

    private Found failed(FeedSubscription feed, FeedState state, String status, String error, Duration retryAfter, Outcome outcome) {
        Instant now = clock.instant();
        Instant next = schedule.afterFailure(now, feed, state.consecutiveFailures() + 1, retryAfter);
        return new Found(state.failed(now, status, error, next), List.of(), outcome);
    }

    private static Map<String, String> conditionalHeaders(FeedState state) {
        Map<String, String> headers = new HashMap<>();
        if (state.etag() != null) {
            headers.put("If-None-Match", state.etag());
        }
        if (state.lastModified() != null) {
            headers.put("If-Modified-Since", state.lastModified());
        }
        return headers;
    }
}
