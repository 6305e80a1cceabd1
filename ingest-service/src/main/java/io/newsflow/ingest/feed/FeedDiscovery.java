package io.newsflow.ingest.feed;

import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.FetchResponse;
import io.newsflow.core.http.HttpFetcher;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a site's feeds from its home page: the feeds its {@code <link rel="alternate">} elements announce (RSS, Atom,
 * JSON Feed), else those found at the paths feeds commonly live at. Every candidate is fetched and kept only if it
 * parses as a feed ({@link FeedParser}), so what is found can be subscribed as it is.
 */
public final class FeedDiscovery {

    /** Where feeds commonly live when a page announces none, in the order tried. */
    public static final List<String> COMMON_PATHS = List.of("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml",
            "/feed.json", "/feeds/posts/default", "/news-sitemap.xml", "/sitemap_news.xml");

    /** A feed found: its URL, its title (the link's, else the feed's own), and its format. */
    public record Found(String url, String title, String type) {
    }

    private final HttpFetcher http;
    private final FeedParser parser;

    public FeedDiscovery(HttpFetcher http, FeedParser parser) {
        this.http = http;
        this.parser = parser;
    }

    /**
     * @throws FetchException if the home page itself cannot be fetched
     */
    public List<Found> discover(URI homePage) throws FetchException {
        FetchResponse page = http.get(homePage);
        Map<String, String> candidates = new LinkedHashMap<>();
        String contentType = page.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (page.status() / 100 == 2 && contentType.contains("html")) {
            Document html = Jsoup.parse(page.bodyText(), page.uri().toString());
            for (Element link : html.select("link[rel~=(?i)alternate][href]")) {
                String type = link.attr("type").toLowerCase(Locale.ROOT);
                if (type.contains("rss") || type.contains("atom") || type.contains("feed+json") || type.contains("application/json")) {
                    candidates.putIfAbsent(link.absUrl("href"), link.attr("title").isBlank() ? null : link.attr("title").strip());
                }
            }
        }
        List<Found> found = check(candidates);
        if (!found.isEmpty()) {
            return found;
        }
        Map<String, String> common = new LinkedHashMap<>();
        COMMON_PATHS.forEach(path -> common.put(page.uri().resolve(path).toString(), null));
        return check(common);
    }

    private List<Found> check(Map<String, String> candidates) {
        List<Found> found = new ArrayList<>();
        for (Map.Entry<String, String> candidate : candidates.entrySet()) {
            try {
                URI uri = URI.create(candidate.getKey());
                FetchResponse response = http.get(uri);
                if (response.status() / 100 != 2) {
                    continue;
                }
                ParsedFeed feed = parser.parse(response.body(), response.header("Content-Type").orElse(null), response.uri());
                String title = candidate.getValue() != null ? candidate.getValue() : feed.title();
                found.add(new Found(response.uri().toString(), title, feed.type()));
            } catch (FetchException | FeedParseException | IllegalArgumentException e) {
                // not a feed: the next candidate
            }
        }
        return found;
    }
}
