package io.newsflow.ingest.fetch;

import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.FetchResponse;
import io.newsflow.core.http.HttpFetcher;

import java.net.URI;
import java.util.Locale;

/**
 * Fetches article pages through the pipeline's {@link HttpFetcher} (which keeps to each host's politeness budget),
 * where the site's robots.txt allows it: a page is a 2xx response with an HTML body.
 */
public final class PageFetcher {

    private final HttpFetcher http;
    private final RobotsRules robots;

    public PageFetcher(HttpFetcher http, RobotsRules robots) {
        this.http = http;
        this.robots = robots;
    }

    /**
     * @throws FetchException if robots.txt disallows the page, or it cannot be fetched, answers other than 2xx, or is
     *                        not HTML
     */
    public FetchedPage fetch(URI uri) throws FetchException {
        if (!robots.allows(uri)) {
            throw new FetchException(uri, FetchException.Reason.ROBOTS_DISALLOWED, "the site's robots.txt disallows fetching this page");
        }
        FetchResponse response = http.get(uri);
        if (response.status() < 200 || response.status() > 299) {
            throw new FetchException(response.uri(), FetchException.Reason.HTTP_STATUS, "article page answered HTTP " + response.status());
        }
        String contentType = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        // No Content-Type at all is common enough on small sites to give the page the benefit of the doubt.
        if (!contentType.isEmpty() && !contentType.contains("html") && !contentType.contains("xml")) {
            throw new FetchException(response.uri(), FetchException.Reason.WRONG_CONTENT_TYPE, "article page is not HTML but " + contentType);
        }
        return new FetchedPage(response.uri(), response.body(), response.declaredCharset().orElse(null));
    }
}
