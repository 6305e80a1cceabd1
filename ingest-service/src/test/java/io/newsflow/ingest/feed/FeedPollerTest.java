package io.newsflow.ingest.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.fetch.PageFetcher;
import io.newsflow.ingest.fetch.RobotsRules;
import io.newsflow.ingest.state.FeedState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedPollerTest {

    static final PollSchedule SCHEDULE = new PollSchedule(Duration.ofHours(1), Duration.ofMillis(100), Duration.ofHours(2),
            Duration.ofHours(6), Duration.ofMinutes(1));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LocalSite site;
    private RecordingPublisher publisher;
    private FeedPoller poller;
    private FeedSubscription feed;

    static FeedPoller poller(RecordingPublisher publisher, MeterRegistry registry) {
        HttpFetcher http = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 3, true, "newsflow-test"));
        return new FeedPoller(http, new FeedParser(), new PageFetcher(http, new RobotsRules(http, Clock.systemUTC(), Duration.ofHours(1))), new ArticleExtractor(), new ArticleAssembler(),
                publisher, Clock.systemUTC(), registry, SCHEDULE, new NetworkWatch(Clock.systemUTC(), Duration.ofMinutes(1), 3));
    }

    static String item(String title, String link, String pubDate, String description) {
        return "<item><title>%s</title><link>%s</link><pubDate>%s</pubDate><description>%s</description></item>"
                .formatted(title, link, pubDate, description);
    }

    static String page(String canonical, String title, String body) {
        return """
                <html lang="en"><head><title>%s | Local News</title><link rel="canonical" href="%s">
                <meta name="author" content="By Jane Doe"><meta property="og:site_name" content="Local News">
                <meta property="og:image" content="https://local.example/lead.jpg"></head>
                <body><nav><a href="/">Home</a></nav><article><h1>%s</h1><p class="byline">By Jane Doe</p>%s</article>
                <footer>© Local News</footer></body></html>
                """.formatted(title, canonical, title, body);
    }

    @BeforeEach
    void setUp() throws IOException {
        site = new LocalSite();
        publisher = new RecordingPublisher();
        poller = poller(publisher, registry);
        feed = FeedSubscription.of(site.url("/feed.xml"), null, "Local News Ltd");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    @Test
    void publishes_each_new_item_once_and_a_304_costs_nothing() {
        site.page("/articles/harbour", page("https://local.example/harbour", "Harbour reopens",
                "<p>The harbour reopened on Tuesday after the storm.</p><p>Ferries run again.</p>"));
        site.feed("\"v1\"", item("Harbour reopens", site.url("/articles/harbour?utm_source=rss"), "Tue, 14 May 2024 09:30:00 +0200", "Short."));

        FeedState first = poller.poll(feed, FeedState.initial(feed.id(), feed.url()));

        assertThat(publisher.publications).hasSize(1);
        RawArticle article = publisher.last().articles().getFirst();
        assertThat(publisher.last().state()).isEqualTo(first);
        assertThat(article.id()).isEqualTo(ArticleId.of("https://local.example/harbour"));
        assertThat(article.url()).isEqualTo("https://local.example/harbour");
        assertThat(article.itemUrl()).isEqualTo(site.url("/articles/harbour?utm_source=rss"));
        assertThat(article.title()).isEqualTo("Harbour reopens");
        assertThat(article.text()).isEqualTo("The harbour reopened on Tuesday after the storm.\n\nFerries run again.");
        assertThat(article.summary()).isEqualTo("Short.");
        assertThat(article.authors()).containsExactly("Jane Doe");
        assertThat(article.siteName()).isEqualTo("Local News");
        assertThat(article.language()).isEqualTo("en");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"));
        assertThat(article.publishedAt().getOffset().getId()).isEqualTo("+02:00");
        assertThat(article.publishedAtSource()).isEqualTo(DateSource.FEED);
        assertThat(article.feed().id()).isEqualTo(feed.id());
        assertThat(article.feed().title()).isEqualTo("Local News");
        assertThat(article.feed().publisher()).isEqualTo("Local News Ltd");
        assertThat(article.imageUrl()).isEqualTo("https://local.example/lead.jpg");
        assertThat(article.revision()).isEqualTo(1);
        assertThat(article.provenance()).containsEntry("title", "feed").containsEntry("publishedAt", "feed")
                .containsEntry("text", "html").containsEntry("imageUrl", "opengraph").containsKey("authors");
        assertThat(article.provenance().get("authors")).isNotEqualTo("feed");
        assertThat(article.feedItem().title()).isEqualTo("Harbour reopens");
        assertThat(article.feedItem().link()).isEqualTo(site.url("/articles/harbour?utm_source=rss"));
        assertThat(article.feedItem().publishedAt().getOffset().getId()).isEqualTo("+02:00");
        assertThat(first.lastStatus()).isEqualTo("ok");
        assertThat(first.etag()).isEqualTo("\"v1\"");
        assertThat(first.hasSeen(ArticleId.of(site.url("/articles/harbour?utm_source=rss")))).isTrue();
        assertThat(first.articlesPublished()).isEqualTo(1);

        FeedState second = poller.poll(feed, first);

        assertThat(site.lastIfNoneMatch()).isEqualTo("\"v1\"");
        assertThat(second.lastStatus()).isEqualTo("not-modified");
        assertThat(publisher.last().articles()).isEmpty();
        assertThat(site.requests()).filteredOn(path -> path.startsWith("/articles/")).hasSize(1);

        site.page("/articles/ferries", page("https://local.example/ferries", "Ferry timetable", "<p>Ferries run on a reduced timetable.</p>"));
        site.feed("\"v2\"",
                item("Ferry timetable", site.url("/articles/ferries"), "Wed, 15 May 2024 08:00:00 +0200", "Ferries."),
                item("Harbour reopens", site.url("/articles/harbour?utm_source=rss"), "Tue, 14 May 2024 09:30:00 +0200", "Short."));

        FeedState third = poller.poll(feed, second);

        assertThat(publisher.last().articles()).extracting(RawArticle::url).containsExactly("https://local.example/ferries");
        assertThat(third.articlesPublished()).isEqualTo(2);

        site.feed("\"v3\"",
                item("Ferry timetable", site.url("/articles/ferries"), "Wed, 15 May 2024 08:00:00 +0200", "Ferries."),
                item("Harbour reopens", site.url("/articles/harbour?utm_source=rss"), "Tue, 14 May 2024 09:30:00 +0200", "Short."));

        FeedState fourth = poller.poll(feed, third);

        assertThat(fourth.lastStatus()).isEqualTo("ok");
        assertThat(publisher.last().articles()).isEmpty();
        assertThat(fourth.polls()).isEqualTo(4);
        assertThat(site.requests()).filteredOn(path -> path.startsWith("/articles/")).hasSize(2);
    }

    @Test
    void an_item_under_a_new_link_whose_page_names_a_known_canonical_url_is_not_published_again() {
        site.page("/articles/a", page("https://local.example/harbour", "Harbour reopens", "<p>The harbour reopened on Tuesday after the storm.</p>"));
        site.page("/articles/a-renamed", page("https://local.example/harbour", "Harbour reopens", "<p>The harbour reopened on Tuesday after the storm.</p>"));
        site.feed("\"v1\"", item("Harbour reopens", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "Short."));
        FeedState first = poller.poll(feed, FeedState.initial(feed.id(), feed.url()));
        site.feed("\"v2\"", item("Harbour reopens", site.url("/articles/a-renamed"), "Tue, 14 May 2024 09:30:00 +0200", "Short."));

        FeedState second = poller.poll(feed, first);

        assertThat(publisher.publications.get(0).articles()).singleElement().extracting(RawArticle::revision).isEqualTo(1);
        assertThat(publisher.last().articles()).as("same canonical URL, same content").isEmpty();
        assertThat(second.hasSeen(ArticleId.of(site.url("/articles/a-renamed")))).isTrue();
        assertThat(second.articlesPublished()).isEqualTo(1);
    }

    @Test
    void an_item_whose_content_changed_is_published_again_as_the_next_revision_of_the_same_article() {
        site.page("/articles/a", page("https://local.example/harbour", "Harbour reopens", "<p>The harbour reopened on Tuesday after the storm.</p>"));
        site.feed("\"v1\"", item("Harbour reopens", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "Short."));
        FeedState first = poller.poll(feed, FeedState.initial(feed.id(), feed.url()));
        site.page("/articles/a", page("https://local.example/harbour", "Harbour reopens", "<p>The harbour reopened on Wednesday, a day late.</p>"));
        site.feed("\"v2\"", item("Harbour reopens, a day late", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "Corrected."));

        FeedState second = poller.poll(feed, first);
        site.feed("\"v3\"", item("Harbour reopens, a day late", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "Corrected."));
        FeedState third = poller.poll(feed, second);

        RawArticle original = publisher.publications.get(0).articles().getFirst();
        RawArticle revised = publisher.publications.get(1).articles().getFirst();
        assertThat(revised.id()).isEqualTo(original.id());
        assertThat(revised.revision()).isEqualTo(2);
        assertThat(revised.title()).isEqualTo("Harbour reopens, a day late");
        assertThat(revised.text()).contains("Wednesday");
        assertThat(publisher.last().articles()).as("the same item again, unchanged").isEmpty();
        assertThat(third.published().get(original.id()).revision()).isEqualTo(2);
        assertThat(site.requests()).filteredOn(path -> path.startsWith("/articles/")).as("an unchanged item's page is not fetched again").hasSize(2);
    }

    @Test
    void a_poll_refused_because_the_feed_moved_to_another_instance_changes_nothing_but_when_it_is_tried_again() {
        site.page("/articles/a", page("https://local.example/a", "A", "<p>Story A has enough words to be a paragraph.</p>"));
        site.feed("\"v1\"", item("A", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "A."));
        publisher.refuseNextAsNotOwned = true;
        FeedState before = FeedState.initial(feed.id(), feed.url());
        Instant start = Instant.now();

        FeedState after = poller.poll(feed, before);

        assertThat(after.consecutiveFailures()).isZero();
        assertThat(after.polls()).isZero();
        assertThat(after.seenItems()).isEmpty();
        assertThat(after.nextCheckAt()).as("the shortest interval later, not at once: no hammering while a rebalance settles")
                .isAfterOrEqualTo(start.plus(SCHEDULE.minInterval()));
        assertThat(publisher.publications).isEmpty();
    }

    @Test
    void a_sitemap_index_is_read_through_its_sitemaps() {
        site.serve("/sitemap-news.xml", 200, Map.of(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                <url><loc>%s</loc><news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication>
                <news:publication_date>2024-05-14T09:30:00+02:00</news:publication_date><news:title>From the sitemap</news:title></news:news></url>
                </urlset>
                """.formatted(site.url("/articles/missing")));
        site.serve("/sitemap-index.xml", 200, Map.of(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>%s</loc></sitemap><sitemap><loc>%s</loc></sitemap>
                </sitemapindex>
                """.formatted(site.url("/sitemap-news.xml"), site.url("/sitemap-gone.xml")));
        FeedSubscription index = FeedSubscription.of(site.url("/sitemap-index.xml"), null, null);

        FeedState state = poller.poll(index, FeedState.initial(index.id(), index.url()));

        assertThat(state.lastStatus()).as("a sitemap that cannot be read is skipped").isEqualTo("ok");
        assertThat(publisher.last().articles()).singleElement().satisfies(article -> {
            assertThat(article.title()).isEqualTo("From the sitemap");
            assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"));
        });
    }

    @Test
    void an_item_whose_page_cannot_be_fetched_is_published_with_the_feed_text() {
        site.feed("\"v1\"", "<item><title>Gone page</title><link>" + site.url("/articles/missing") + "</link>"
                + "<description>&lt;p&gt;What the feed says.&lt;/p&gt;&lt;p&gt;Second part.&lt;/p&gt;</description>"
                + "<author>jane@example.com (Jane Doe)</author></item>");

        FeedState state = poller.poll(feed, FeedState.initial(feed.id(), feed.url()));

        RawArticle article = publisher.last().articles().getFirst();
        assertThat(article.url()).isEqualTo(ArticleId.normalise(site.url("/articles/missing")));
        assertThat(article.title()).isEqualTo("Gone page");
        assertThat(article.text()).isEqualTo("What the feed says.\n\nSecond part.");
        assertThat(article.authors()).containsExactly("Jane Doe");
        assertThat(article.publishedAtSource()).isEqualTo(DateSource.NONE);
        assertThat(article.provenance()).containsEntry("text", "feed").containsEntry("authors", "feed").doesNotContainKey("publishedAt");
        assertThat(state.lastStatus()).isEqualTo("ok");
    }

    @Test
    void an_item_without_a_date_anywhere_but_in_its_url_gets_that_day_with_source_url() {
        site.feed("\"v1\"", "<item><title>Dated by path</title><link>" + site.url("/2024/11/27/missing") + "</link>"
                + "<description>Only the path knows the day.</description></item>");

        poller.poll(feed, FeedState.initial(feed.id(), feed.url()));

        RawArticle article = publisher.last().articles().getFirst();
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-11-27T00:00Z"));
        assertThat(article.publishedAtSource()).isEqualTo(DateSource.URL);
        assertThat(article.provenance()).containsEntry("publishedAt", "url");
    }

    @Test
    void a_failing_feed_is_recorded_in_its_state_not_thrown() {
        FeedSubscription failing = FeedSubscription.of(site.url("/error.xml"), null, null);
        FeedSubscription broken = FeedSubscription.of(site.url("/broken.xml"), null, null);
        FeedSubscription unreachable = FeedSubscription.of("http://127.0.0.1:1/feed.xml", null, null);

        FeedState once = poller.poll(failing, FeedState.initial(failing.id(), failing.url()));
        FeedState twice = poller.poll(failing, once);
        FeedState parse = poller.poll(broken, FeedState.initial(broken.id(), broken.url()));
        FeedState fetch = poller.poll(unreachable, FeedState.initial(unreachable.id(), unreachable.url()));

        assertThat(twice.lastStatus()).isEqualTo("http 500");
        assertThat(twice.consecutiveFailures()).isEqualTo(2);
        assertThat(twice.lastError()).contains("HTTP 500");
        assertThat(parse.lastStatus()).isEqualTo("error: parse");
        assertThat(parse.lastError()).contains("not well-formed XML");
        assertThat(fetch.lastStatus()).isEqualTo("error: fetch");
        assertThat(fetch.lastError()).contains("127.0.0.1:1");
        assertThat(publisher.publications).hasSize(4).allSatisfy(p -> assertThat(p.articles()).isEmpty());
    }

    @Test
    void each_poll_is_counted_by_outcome_and_each_fetch_timed_by_kind() {
        site.page("/articles/a", page("https://local.example/a", "A", "<p>Story A has enough words to be a paragraph.</p>"));
        site.feed("\"v1\"", item("A", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "A."),
                item("Gone", site.url("/articles/missing"), "Tue, 14 May 2024 09:00:00 +0200", "Gone."));
        FeedSubscription failing = FeedSubscription.of(site.url("/error.xml"), null, null);
        FeedSubscription broken = FeedSubscription.of(site.url("/broken.xml"), null, null);
        FeedSubscription unreachable = FeedSubscription.of("http://127.0.0.1:1/feed.xml", null, null);

        FeedState first = poller.poll(feed, FeedState.initial(feed.id(), feed.url()));
        poller.poll(feed, first);
        poller.poll(failing, FeedState.initial(failing.id(), failing.url()));
        poller.poll(broken, FeedState.initial(broken.id(), broken.url()));
        poller.poll(unreachable, FeedState.initial(unreachable.id(), unreachable.url()));
        publisher.failNext = true;
        poller.poll(feed, first);

        assertThat(polls("ok")).isEqualTo(1);
        assertThat(polls("not_modified")).isEqualTo(1);
        assertThat(polls("http_error")).isEqualTo(1);
        assertThat(polls("parse_error")).isEqualTo(1);
        assertThat(polls("fetch_error")).isEqualTo(1);
        assertThat(polls("publish_error")).as("a 304 whose state could not be published").isEqualTo(1);
        assertThat(polls("internal_error")).isZero();
        assertThat(fetches("feed", "ok")).isEqualTo(5);
        assertThat(fetches("feed", "error")).isEqualTo(1);
        assertThat(fetches("page", "ok")).isEqualTo(1);
        assertThat(fetches("page", "error")).as("the 404 page").isEqualTo(1);
        assertThat(errors("feed", "transport")).isEqualTo(1);
        assertThat(errors("page", "http_status")).isEqualTo(1);
    }

    private double polls(String outcome) {
        return registry.get("newsflow.feed.polls").tag("outcome", outcome).counter().count();
    }

    private long fetches(String kind, String outcome) {
        Timer timer = registry.find("newsflow.fetch").tags("kind", kind, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double errors(String kind, String reason) {
        return registry.get("newsflow.fetch.errors").tags("kind", kind, "reason", reason).counter().count();
    }

    @Test
    void an_item_is_not_marked_seen_when_publishing_failed_so_the_next_poll_publishes_it() {
        site.page("/articles/a", page("https://local.example/a", "A", "<p>Story A has enough words to be a paragraph.</p>"));
        site.feed("\"v1\"", item("A", site.url("/articles/a"), "Tue, 14 May 2024 09:30:00 +0200", "A."));
        publisher.failNext = true;

        FeedState failed = poller.poll(feed, FeedState.initial(feed.id(), feed.url()));

        assertThat(failed.lastStatus()).isEqualTo("error: publish");
        assertThat(failed.consecutiveFailures()).isEqualTo(1);
        assertThat(failed.seenItems()).isEmpty();
        assertThat(failed.etag()).isNull();
        assertThat(publisher.publications).isEmpty();

        FeedState retried = poller.poll(feed, failed);

        assertThat(site.lastIfNoneMatch()).isNull();
        assertThat(publisher.last().articles()).extracting(RawArticle::url).containsExactly("https://local.example/a");
        assertThat(retried.consecutiveFailures()).isZero();
    }
}
