package io.newsflow.ingest.feed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The formats besides RSS 2.0 and Atom 1.0: RSS 0.92, Atom 0.3, JSON Feed 1.0 and 1.1, Google News sitemaps. */
class FeedFormatsTest {

    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String resource, String uri) throws IOException, FeedParseException {
        try (InputStream in = FeedFormatsTest.class.getResourceAsStream("/feeds/formats/" + resource)) {
            return parser.parse(in.readAllBytes(), null, URI.create(uri));
        }
    }

    @Test
    void rss_0_92_and_atom_0_3() throws Exception {
        ParsedFeed rss = parse("rss-0.92.xml", "https://rss092.example/rss");
        ParsedFeed atom = parse("atom-0.3.xml", "https://atom03.example/atom");

        assertThat(rss.type()).isEqualTo("rss_0.92");
        assertThat(rss.items()).singleElement().extracting(FeedItem::title).isEqualTo("An item of 0.92");
        assertThat(atom.type()).isEqualTo("atom_0.3");
        assertThat(atom.items()).singleElement().satisfies(item -> {
            assertThat(item.link()).isEqualTo("https://atom03.example/a");
            assertThat(item.authors()).containsExactly("Ann Author");
            // Rome takes an Atom 0.3 entry's <modified> as its date; the offset is kept.
            assertThat(item.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T10:00:00+02:00"));
        });
    }

    @Test
    void json_feed_1_0_and_1_1_with_offsets_kept_and_links_resolved() throws Exception {
        ParsedFeed one = parse("json-feed-1.0.json", "https://json.example/feed.json");
        ParsedFeed oneOne = parse("json-feed-1.1.json", "https://json.example/feed.json");

        assertThat(one.type()).isEqualTo("json_1.0");
        assertThat(one.title()).isEqualTo("JSON One");
        assertThat(one.items()).hasSize(2);
        assertThat(one.items().get(0)).satisfies(item -> {
            assertThat(item.link()).isEqualTo("https://json.example/one");
            assertThat(item.content()).isEqualTo("<p>Hello</p>");
            assertThat(item.description()).isEqualTo("Sum");
            assertThat(item.authors()).as("the feed's author").containsExactly("Feed Author");
            assertThat(item.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"));
            assertThat(item.publishedAt().getOffset().getId()).isEqualTo("+02:00");
        });
        assertThat(one.items().get(1)).satisfies(item -> {
            assertThat(item.link()).as("an id that is a URL").isEqualTo("https://json.example/two");
            assertThat(item.updatedAt().getOffset().getId()).isEqualTo("-04:00");
        });
        assertThat(oneOne.type()).isEqualTo("json_1.1");
        assertThat(oneOne.language()).isEqualTo("de");
        assertThat(oneOne.items()).singleElement().satisfies(item -> {
            assertThat(item.link()).isEqualTo("https://json.example/relative/a");
            assertThat(item.authors()).containsExactly("Erika Muster", "Max Muster");
        });
    }

    @Test
    void json_that_is_not_a_json_feed_is_refused_with_why() {
        assertThatThrownBy(() -> parser.parse("{\"items\": []}".getBytes(), "application/json", URI.create("https://x.example/f.json")))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("not a JSON Feed");
    }

    @Test
    void a_google_news_sitemap_gives_its_urls_with_news_titles_and_dates() throws Exception {
        ParsedFeed sitemap = parse("news-sitemap.xml", "https://sitemap.example/news-sitemap.xml");

        assertThat(sitemap.type()).isEqualTo("sitemap_news");
        assertThat(sitemap.language()).isEqualTo("en");
        assertThat(sitemap.items()).hasSize(2);
        assertThat(sitemap.items().get(0)).satisfies(item -> {
            assertThat(item.link()).isEqualTo("https://sitemap.example/news/harbour");
            assertThat(item.title()).isEqualTo("Harbour reopens & ferries run");
            assertThat(item.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"));
            assertThat(item.publishedAt().getOffset().getId()).isEqualTo("+02:00");
        });
        assertThat(sitemap.items().get(1).title()).isNull();
        assertThat(sitemap.items().get(1).publishedAt()).as("its lastmod").isEqualTo(OffsetDateTime.parse("2024-05-13T08:00:00Z"));
    }

    @Test
    void a_sitemap_index_names_its_newest_sitemaps() throws Exception {
        String index = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>https://sitemap.example/old.xml</loc><lastmod>2024-05-01T00:00:00Z</lastmod></sitemap>
                <sitemap><loc>https://sitemap.example/new.xml</loc><lastmod>2024-05-14T00:00:00Z</lastmod></sitemap>
                </sitemapindex>
                """;

        ParsedFeed parsed = parser.parse(index.getBytes(), "application/xml", URI.create("https://sitemap.example/index.xml"));

        assertThat(parsed.items()).isEmpty();
        assertThat(parsed.sitemaps()).containsExactly("https://sitemap.example/new.xml", "https://sitemap.example/old.xml");
    }
}
