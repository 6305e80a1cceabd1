package io.newsflow.ingest.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedParserTest {

    private static final URI FEED_URI = URI.create("https://news.example.com/feeds/world.xml");

    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String xml) throws FeedParseException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml; charset=utf-8", FEED_URI);
    }

    @Test
    void reads_rss_2_items_with_their_dates_offsets_authors_and_content() throws FeedParseException {
        ParsedFeed feed = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
                  <channel>
                    <title>Example News – World</title>
                    <link>https://news.example.com/world</link>
                    <description>World news</description>
                    <language>en-gb</language>
                    <item>
                      <title>Harbour reopens after storm</title>
                      <link>https://news.example.com/world/harbour-reopens?utm_source=rss</link>
                      <description>&lt;p&gt;The harbour reopened on Tuesday.&lt;/p&gt;</description>
                      <content:encoded><![CDATA[<p>The harbour reopened on Tuesday.</p><p>Ferries resume today.</p>]]></content:encoded>
                      <dc:creator>Jane Doe</dc:creator>
                      <pubDate>Tue, 14 May 2024 09:30:00 +0200</pubDate>
                      <guid isPermaLink="false">harbour-1</guid>
                    </item>
                    <item>
                      <title>Relative link&nbsp;item</title>
                      <link>/world/relative-item</link>
                      <pubDate>Mon, 13 May 2024 18:00:00 EST</pubDate>
                    </item>
                    <item>
                      <title>No link at all</title>
                    </item>
                  </channel>
                </rss>
                """);

        assertThat(feed.type()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Example News – World");
        assertThat(feed.language()).isEqualTo("en-gb");
        assertThat(feed.items()).hasSize(3);

        FeedItem first = feed.items().get(0);
        assertThat(first.link()).isEqualTo("https://news.example.com/world/harbour-reopens?utm_source=rss");
        assertThat(first.title()).isEqualTo("Harbour reopens after storm");
        assertThat(first.description()).isEqualTo("<p>The harbour reopened on Tuesday.</p>");
        assertThat(first.content()).contains("Ferries resume today.");
        assertThat(first.authors()).containsExactly("Jane Doe");
        assertThat(first.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+02:00"));
        assertThat(first.publishedAt().getOffset().getId()).isEqualTo("+02:00");

        FeedItem second = feed.items().get(1);
        assertThat(second.link()).isEqualTo("https://news.example.com/world/relative-item");
        assertThat(second.title()).isEqualTo("Relative link\u00a0item");
        assertThat(second.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-13T18:00:00-05:00"));

        assertThat(feed.items().get(2).link()).isNull();
    }

    @Test
    void reads_atom_1_entries() throws FeedParseException {
        ParsedFeed feed = parser.parse("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
                  <title>Example Wire</title>
                  <id>urn:example:wire</id>
                  <updated>2024-05-14T10:00:00Z</updated>
                  <entry>
                    <title>Council approves budget</title>
                    <link rel="alternate" type="text/html" href="https://wire.example.org/2024/05/budget"/>
                    <link rel="enclosure" href="https://wire.example.org/photo.jpg"/>
                    <id>urn:example:budget</id>
                    <published>2024-05-14T08:15:00+01:00</published>
                    <updated>2024-05-14T09:00:00+01:00</updated>
                    <author><name>John Roe</name></author>
                    <author><name>Ann Smith</name></author>
                    <summary>The council approved the budget.</summary>
                    <content type="html">&lt;p&gt;The council approved the budget on Tuesday.&lt;/p&gt;</content>
                  </entry>
                  <entry>
                    <title>Only updated</title>
                    <link href="https://wire.example.org/2024/05/only-updated"/>
                    <id>urn:example:only-updated</id>
                    <updated>2024-05-13T23:59:59-07:00</updated>
                  </entry>
                </feed>
                """.getBytes(StandardCharsets.UTF_8), "application/atom+xml", FEED_URI);

        assertThat(feed.type()).isEqualTo("atom_1.0");
        assertThat(feed.title()).isEqualTo("Example Wire");
        FeedItem entry = feed.items().get(0);
        assertThat(entry.link()).isEqualTo("https://wire.example.org/2024/05/budget");
        assertThat(entry.authors()).containsExactly("John Roe", "Ann Smith");
        assertThat(entry.description()).isEqualTo("The council approved the budget.");
        assertThat(entry.content()).isEqualTo("<p>The council approved the budget on Tuesday.</p>");
        assertThat(entry.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:15:00+01:00"));
        assertThat(entry.updatedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:00:00+01:00"));

        FeedItem onlyUpdated = feed.items().get(1);
        assertThat(onlyUpdated.updatedAt()).isEqualTo(OffsetDateTime.parse("2024-05-13T23:59:59-07:00"));
    }

    @Test
    void reads_rss_1_0() throws FeedParseException {
        ParsedFeed feed = parse("""
                <?xml version="1.0"?>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                         xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <channel rdf:about="https://rdf.example.com/">
                    <title>RDF News</title>
                    <link>https://rdf.example.com/</link>
                    <description>RSS 1.0</description>
                  </channel>
                  <item rdf:about="https://rdf.example.com/a">
                    <title>An RDF item</title>
                    <link>https://rdf.example.com/a</link>
                    <dc:date>2024-05-14T07:00:00+05:30</dc:date>
                  </item>
                </rdf:RDF>
                """);

        assertThat(feed.type()).isEqualTo("rss_1.0");
        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.link()).isEqualTo("https://rdf.example.com/a");
            assertThat(item.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T07:00:00+05:30"));
        });
    }

    @Test
    void an_external_entity_cannot_read_a_local_file(@TempDir Path dir) throws IOException, FeedParseException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY leak SYSTEM "%s">]>
                <rss version="2.0"><channel><title>&leak;</title>
                  <item><title>&leak;</title><link>https://evil.example.com/a</link><description>&leak;</description></item>
                </channel></rss>
                """.formatted(secret.toUri());

        // The DOCTYPE is cut out unread: the entity is never declared, and its reference stays text.
        ParsedFeed feed = parse(xxe);

        assertThat(feed.title()).isEqualTo("&leak;");
        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("&leak;");
            assertThat(item.description()).doesNotContain("TOP-SECRET-CONTENT");
        });
    }

    @Test
    void entity_expansion_bombs_are_not_expanded() throws FeedParseException {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [
                  <!ENTITY a "aaaaaaaaaa">
                  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
                  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
                ]>
                <rss version="2.0"><channel><title>&d;</title></channel></rss>
                """;

        assertThat(parse(laughs).title()).isEqualTo("&d;");
    }

    @Test
    void html_or_broken_xml_is_a_parse_error_that_says_why() {
        assertThatThrownBy(() -> parse("<html><body><p>Not a feed</p></body></html>"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("not an RSS or Atom feed").hasMessageContaining("<html>");
        assertThatThrownBy(() -> parse("<rss version=\"2.0\"><channel><title>cut off"))
                .isInstanceOf(FeedParseException.class).hasMessageContaining("not well-formed XML");
    }

    @Test
    void the_charset_comes_from_the_document_when_it_declares_one_whatever_the_content_type_says() throws FeedParseException {
        byte[] latin1 = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>Caf\u00e9 du Monde</title>
                  <item><title>Cr\u00e8me br\u00fbl\u00e9e</title><link>https://example.fr/a</link></item>
                </channel></rss>
                """.getBytes(StandardCharsets.ISO_8859_1);

        for (String contentType : new String[] {"text/xml", "application/rss+xml", null}) {
            ParsedFeed feed = parser.parse(latin1, contentType, FEED_URI);

            assertThat(feed.title()).as("with Content-Type %s", contentType).isEqualTo("Caf\u00e9 du Monde");
            assertThat(feed.items().get(0).title()).isEqualTo("Cr\u00e8me br\u00fbl\u00e9e");
        }
    }
}
