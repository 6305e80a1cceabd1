package io.newsflow.ingest.feed;

import io.newsflow.core.http.HttpFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedDiscoveryTest {

    private LocalSite site;
    private FeedDiscovery discovery;

    @BeforeEach
    void setUp() throws IOException {
        site = new LocalSite();
        HttpFetcher http = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 3, true, "newsflow-test"));
        discovery = new FeedDiscovery(http, new FeedParser());
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    @Test
    void the_feeds_a_home_page_announces_are_found_and_checked() throws Exception {
        site.feed("\"v1\"");
        site.serve("/atom", 200, Map.of(), """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom of the site</title><id>x</id><updated>2024-05-14T00:00:00Z</updated></feed>""");
        site.serve("/home", 200, Map.of("Content-Type", "text/html"), """
                <html><head><title>Home</title>
                <link rel="alternate" type="application/rss+xml" title="All news" href="/feed.xml">
                <link rel="alternate" type="application/atom+xml" href="%s">
                <link rel="alternate" type="application/rss+xml" title="Broken" href="/error.xml">
                <link rel="stylesheet" href="/style.css"></head><body></body></html>
                """.formatted(site.url("/atom")));

        assertThat(discovery.discover(URI.create(site.url("/home")))).containsExactly(
                new FeedDiscovery.Found(site.url("/feed.xml"), "All news", "rss_2.0"),
                new FeedDiscovery.Found(site.url("/atom"), "Atom of the site", "atom_1.0"));
    }

    @Test
    void without_announced_feeds_the_common_paths_are_tried() throws Exception {
        site.serve("/home", 200, Map.of("Content-Type", "text/html"), "<html><head><title>Home</title></head><body>No links</body></html>");
        site.serve("/rss.xml", 200, Map.of(), site.rss(""));

        assertThat(discovery.discover(URI.create(site.url("/home"))))
                .containsExactly(new FeedDiscovery.Found(site.url("/rss.xml"), "Local News", "rss_2.0"));
    }
}
