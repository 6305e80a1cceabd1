package io.newsflow.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.FetchResponse;
import io.newsflow.core.http.HttpFetcher;

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
 * happens sooner ({@link #RETRY_AFTER_FAILURE}). Thread-safe.
 */
public final class RobotsRules {

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
        String robots = site + "/robots.txt";
        try {
            FetchResponse response = http.get(URI.create(robots));
            if (response.status() / 100 == 2) {
                return new Cached(parser.parseContent(robots, response.body(), response.header("Content-Type").orElse("text/plain"),
                        robotNames), now.plus(ttl));
            }
            boolean failure = response.status() >= 500;
            return new Cached(parser.failedFetch(response.status()), now.plus(failure ? RETRY_AFTER_FAILURE : ttl));
        } catch (FetchException e) {
            return new Cached(parser.failedFetch(503), now.plus(RETRY_AFTER_FAILURE));
        }
    }
}
