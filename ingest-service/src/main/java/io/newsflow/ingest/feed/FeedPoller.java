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
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One poll of one feed: a conditional GET of the feed, parsing, then for each item not seen before its page is
 * fetched and extracted and an article made; the new articles and the feed's new state are published together.
 * Whatever the feed, its pages or Kafka do, a poll ends with a state that says what happened; only a
 * {@link FatalPublishException} leaves it. Each poll is counted by outcome, each fetch timed ({@link PollMetrics}).
 */
public final class FeedPoller {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final HttpFetcher http;
    private final FeedParser parser;
    private final PageFetcher pages;
    private final ArticleExtractor extractor;
    private final ArticleAssembler assembler;
    private final ArticlePublisher publisher;
    private final Clock clock;
    private final PollMetrics metrics;

    public FeedPoller(HttpFetcher http, FeedParser parser, PageFetcher pages, ArticleExtractor extractor,
                      ArticleAssembler assembler, ArticlePublisher publisher, Clock clock, MeterRegistry registry) {
        this.http = http;
        this.parser = parser;
        this.pages = pages;
        this.extractor = extractor;
        this.assembler = assembler;
        this.publisher = publisher;
        this.clock = clock;
        this.metrics = new PollMetrics(registry);
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
            found = new Found(before.failed(clock.instant(), "error: internal", e.toString()), List.of(), Outcome.INTERNAL_ERROR);
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
            after = before.failed(clock.instant(), "error: publish", e.getMessage());
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
        try {
            response = metrics.fetch(PollMetrics.FEED, () -> http.get(URI.create(feed.url()), conditionalHeaders(state)));
        } catch (FetchException | IllegalArgumentException e) {
            return failed(state, "error: fetch", e.getMessage(), Outcome.FETCH_ERROR);
        }
        String etag = response.header("ETag").orElse(null);
        String lastModified = response.header("Last-Modified").orElse(null);
        if (response.notModified()) {
            return new Found(state.succeeded(clock.instant(), "not-modified",
                    etag != null ? etag : state.etag(), lastModified != null ? lastModified : state.lastModified(), List.of(), 0),
                    List.of(), Outcome.NOT_MODIFIED);
        }
        if (response.status() < 200 || response.status() > 299) {
            return failed(state, "http " + response.status(), "feed answered HTTP " + response.status() + " (" + response.uri() + ")",
                    Outcome.HTTP_ERROR);
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(response.body(), response.header("Content-Type").orElse(null), response.uri());
        } catch (FeedParseException e) {
            return failed(state, "error: parse", e.getMessage(), Outcome.PARSE_ERROR);
        }

        FeedRef ref = feed.ref(parsed.title());
        List<String> newlySeen = new ArrayList<>();
        Map<String, RawArticle> articles = new LinkedHashMap<>();
        Set<String> seenThisPoll = new HashSet<>();
        // Feeds list the newest first; going oldest first publishes in order and keeps the newest ids longest.
        for (FeedItem item : parsed.items().reversed()) {
            String itemId = itemId(feed, item);
            if (itemId == null || state.hasSeen(itemId) || !seenThisPoll.add(itemId)) {
                continue;
            }
            newlySeen.add(itemId);
            RawArticle article = article(feed, item, ref, parsed.language());
            // Two links whose pages name the same canonical URL are one article.
            articles.putIfAbsent(article.id(), article);
        }
        return new Found(state.succeeded(clock.instant(), "ok", etag, lastModified, newlySeen, articles.size()),
                List.copyOf(articles.values()), Outcome.OK);
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

    private Found failed(FeedState state, String status, String error, Outcome outcome) {
        return new Found(state.failed(clock.instant(), status, error), List.of(), outcome);
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
