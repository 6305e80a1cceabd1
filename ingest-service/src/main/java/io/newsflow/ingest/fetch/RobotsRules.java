package io.newsflow.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.FetchResponse;
import io.newsflow.core.http.HttpFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The robots.txt rules of each site, as crawler-commons reads them, for the article pages ingest fetches (feeds are
 * meant to be fetched and are not checked). Matched by the User-Agent's product token ({@code newsflow} for
 * {@code Newsflow/0.1 (...)}). Cached per site for {@code ttl}. Following RFC 9309: a robots.txt that is missing
 * (4xx) allows everything; one that fails (5xx, no response) disallows everything until it is fetched again, which
 * happens sooner ({@link #RETRY_AFTER_FAILURE}). A Crawl-delay spaces every request of the fetcher to the site's host,
 * feeds included ({@link HttpFetcher#crawlDelay}); crawler-commons takes one of over 5 minutes to disallow
 * everything. Thread-safe.
 */
public final class RobotsRules {

    private static final Logger log = LoggerFactory.getLogger(RobotsRules.class);

    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(10);

    private record Cached(BaseRobotRules rules, Instant until) {
    }

    private final HttpFetcher http;
    private final Clock clock;
    private final Duration ttl;
    private final List<String> robotNames;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, Cached> bySite = new ConcurrentHashMap<>();

    public RobotsRules(HttpFetcher http, Clock clock, Duration ttl) {
        this.http = http;
        this.clock = clock;
        this.ttl = ttl;
        String agent = http.userAgent().strip();
        int end = 0;
        while (end < agent.length() && agent.charAt(end) != '/' && !Character.isWhitespace(agent.charAt(end))) {
            end++;
        }
        this.robotNames = List.of(agent.substring(0, end).toLowerCase(Locale.ROOT));
    }

    /** Whether robots.txt lets this fetcher fetch {@code uri}. */
    public boolean allows(URI uri) {
        String site = uri.getScheme() + "://" + uri.getRawAuthority();
        Instant now = clock.instant();
        Cached cached = bySite.get(site);
        if (cached == null || cached.until().isBefore(now)) {
            cached = fetch(site, now);
            bySite.put(site, cached);
        }
        return cached.rules().isAllowed(uri.toString());
    }

    private Cached fetch(String site, Instant now) {
        URI robots = URI.create(site + "/robots.txt");
        try {
            FetchResponse response = http.get(robots);
            if (response.status() / 100 == 2) {
                BaseRobotRules rules = parser.parseContent(robots.toString(), response.body(),
                        response.header("Content-Type").orElse("text/plain"), robotNames);
                keepCrawlDelay(robots, rules.getCrawlDelay());
                return new Cached(rules, now.plus(ttl));
            }
            boolean failure = response.status() >= 500;
            if (!failure) {
                keepCrawlDelay(robots, BaseRobotRules.UNSET_CRAWL_DELAY);
            }
            return new Cached(parser.failedFetch(response.status()), now.plus(failure ? RETRY_AFTER_FAILURE : ttl));
        } catch (FetchException e) {
            return new Cached(parser.failedFetch(503), now.plus(RETRY_AFTER_FAILURE));
        }
    }

    /** Hands the site's Crawl-delay (milliseconds, or unset) to the fetcher, saying so where it keeps to less. */
    private void keepCrawlDelay(URI robots, long crawlDelayMillis) {
        Duration asked = crawlDelayMillis == BaseRobotRules.UNSET_CRAWL_DELAY ? Duration.ZERO : Duration.ofMillis(crawlDelayMillis);
        Duration kept = http.crawlDelay(robots.getHost(), asked);
        if (kept.compareTo(asked) < 0) {
            log.info("{} asks for a Crawl-delay of {} s; requests to {} are spaced {} s apart (NEWSFLOW_FETCH_MAX_CRAWL_DELAY)",
                    robots, asked.toMillis() / 1000.0, robots.getHost(), kept.toMillis() / 1000.0);
        }
    }
}
