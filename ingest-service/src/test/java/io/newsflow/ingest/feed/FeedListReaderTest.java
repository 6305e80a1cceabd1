package io.newsflow.ingest.feed;

import io.newsflow.core.article.FeedRef;
import io.newsflow.core.feed.FeedSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedListReaderTest {

    @TempDir
    Path dir;

    private final FeedListReader reader = new FeedListReader();

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void reads_opml_with_nested_outlines_in_document_order() throws IOException {
        Path opml = file("feeds.opml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head><title>My feeds</title></head>
                  <body>
                    <outline text="World">
                      <outline text="Example Times" type="rss" xmlUrl="https://example.com/world.xml" publisher="Example Times"/>
                      <outline text="Regional">
                        <outline text="Valley News" title="Valley News – local" type="rss" xmlUrl="https://valley.example.org/feed"/>
                      </outline>
                    </outline>
                    <outline text="Tech" type="rss" xmlUrl="https://tech.example.net/atom.xml"/>
                    <outline text="Tech again" type="rss" xmlUrl="https://tech.example.net/atom.xml"/>
                  </body>
                </opml>
                """);

        List<FeedSubscription> feeds = reader.read(opml);

        assertThat(feeds).extracting(FeedSubscription::url).containsExactly(
                "https://example.com/world.xml", "https://valley.example.org/feed", "https://tech.example.net/atom.xml");
        assertThat(feeds.get(0).publisher()).isEqualTo("Example Times");
        assertThat(feeds.get(0).title()).isEqualTo("Example Times");
        assertThat(feeds.get(1).title()).isEqualTo("Valley News – local");
        assertThat(feeds.get(1).publisher()).isNull();
        assertThat(feeds.get(2).title()).isEqualTo("Tech");
        assertThat(feeds.get(0).id()).isEqualTo(FeedRef.idOf("https://example.com/world.xml"));
    }

    @Test
    void reads_a_json_list() throws IOException {
        Path json = file("feeds.json", """
                [
                  {"url": "https://example.com/rss", "title": "Example", "publisher": "Example Times"},
                  {"url": "https://other.example.org/atom"}
                ]
                """);

        assertThat(reader.read(json)).containsExactly(
                FeedSubscription.of("https://example.com/rss", "Example", "Example Times"),
                FeedSubscription.of("https://other.example.org/atom", null, null));
    }

    @Test
    void reads_a_yaml_list() throws IOException {
        Path yaml = file("feeds.yaml", """
                # the demo feeds
                - url: https://example.com/rss
                  publisher: Example Times
                - url: https://other.example.org/atom
                  title: Other
                """);

        assertThat(reader.read(yaml)).containsExactly(
                FeedSubscription.of("https://example.com/rss", null, "Example Times"),
                FeedSubscription.of("https://other.example.org/atom", "Other", null));
    }

    @Test
    void tells_the_format_from_the_content_when_the_name_does_not() throws IOException {
        Path json = file("feeds.list", "[{\"url\": \"https://example.com/rss\"}]");
        Path yaml = file("feeds.conf", "- url: https://example.com/rss\n");
        Path opml = file("feeds", "<opml><body><outline xmlUrl=\"https://example.com/rss\"/></body></opml>");

        for (Path file : List.of(json, yaml, opml)) {
            assertThat(reader.read(file)).extracting(FeedSubscription::url).containsExactly("https://example.com/rss");
        }
    }

    @Test
    void a_malformed_file_is_an_error_naming_the_file_and_the_place() throws IOException {
        Path json = file("broken.json", "[{\"url\": \"https://example.com/rss\",}\n");

        assertThatThrownBy(() -> reader.read(json))
                .isInstanceOf(FeedListException.class)
                .hasMessageContaining(json.toString())
                .hasMessageContaining("line 1");
    }

    @Test
    void an_unknown_key_is_an_error_since_it_is_most_likely_a_typo() throws IOException {
        Path yaml = file("typo.yaml", "- url: https://example.com/rss\n  pubisher: Example\n");

        assertThatThrownBy(() -> reader.read(yaml))
                .isInstanceOf(FeedListException.class)
                .hasMessageContaining(yaml.toString())
                .hasMessageContaining("pubisher");
    }

    @Test
    void an_entry_without_a_usable_url_is_an_error_naming_the_entry() throws IOException {
        Path missing = file("missing.json", "[{\"url\": \"https://example.com/rss\"}, {\"title\": \"no url\"}]");
        Path relative = file("relative.yaml", "- url: /feed.xml\n");

        assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(FeedListException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("entry 2 has no url");
        assertThatThrownBy(() -> reader.read(relative)).isInstanceOf(FeedListException.class)
                .hasMessageContaining("\"/feed.xml\"").hasMessageContaining("not an absolute http(s) URL");
    }

    @Test
    void xml_that_is_not_opml_or_lists_nothing_is_an_error() throws IOException {
        Path rss = file("actually-a-feed.xml", "<rss version=\"2.0\"><channel/></rss>");
        Path empty = file("empty.json", "[]");

        assertThatThrownBy(() -> reader.read(rss)).isInstanceOf(FeedListException.class)
                .hasMessageContaining("not OPML").hasMessageContaining("<rss>");
        assertThatThrownBy(() -> reader.read(empty)).isInstanceOf(FeedListException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("lists no feeds");
    }

    @Test
    void an_opml_file_cannot_pull_in_local_files_through_entities() throws IOException {
        Path secret = file("secret.txt", "TOP-SECRET-CONTENT");
        Path opml = file("evil.opml", """
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY leak SYSTEM "%s">]>
                <opml><body><outline text="&leak;" xmlUrl="https://example.com/rss"/></body></opml>
                """.formatted(secret.toUri()));

        assertThatThrownBy(() -> reader.read(opml)).isInstanceOf(FeedListException.class)
                .hasMessageContaining("DOCTYPE")
                .message().doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void a_feed_may_give_its_own_poll_interval_in_any_format() throws IOException {
        Path opml = file("feeds.opml", """
                <opml version="2.0"><body>
                  <outline text="Fast" type="rss" xmlUrl="https://example.com/fast.xml" pollInterval="90s"/>
                  <outline text="https://example.com/plain.xml" type="rss" xmlUrl="https://example.com/plain.xml"/>
                </body></opml>
                """);
        Path json = file("feeds.json", "[{\"url\": \"https://example.com/rss\", \"pollInterval\": \"PT5M\"}]");
        Path yaml = file("feeds.yaml", "- url: https://example.com/rss\n  pollInterval: 2h\n");

        assertThat(reader.read(opml)).containsExactly(
                FeedSubscription.of("https://example.com/fast.xml", "Fast", null, Duration.ofSeconds(90)),
                // A title that is only the feed's URL, as exporters write for untitled feeds, is no title.
                FeedSubscription.of("https://example.com/plain.xml", null, null));
        assertThat(reader.read(json)).containsExactly(FeedSubscription.of("https://example.com/rss", null, null, Duration.ofMinutes(5)));
        assertThat(reader.read(yaml)).containsExactly(FeedSubscription.of("https://example.com/rss", null, null, Duration.ofHours(2)));
    }

    @Test
    void a_poll_interval_that_is_no_positive_duration_is_an_error_naming_the_entry() throws IOException {
        Path yaml = file("feeds.yaml", "- url: https://example.com/a\n- url: https://example.com/b\n  pollInterval: 5 minutes\n");
        Path opml = file("feeds.opml", "<opml><body><outline text=\"B\" xmlUrl=\"https://example.com/b\" pollInterval=\"0s\"/></body></opml>");

        assertThatThrownBy(() -> reader.read(yaml)).isInstanceOf(FeedListException.class)
                .hasMessage("feed list " + yaml + ": entry 2 has an invalid pollInterval: \"5 minutes\" is not a positive"
                        + " duration such as 30s, 5m, 2h or PT5M");
        assertThatThrownBy(() -> reader.read(opml)).isInstanceOf(FeedListException.class)
                .hasMessageContaining("outline \"B\" has an invalid pollInterval: \"0s\" is not a positive duration");
    }

    @Test
    void a_missing_file_is_an_error_naming_it() {
        Path missing = dir.resolve("nowhere.opml");

        assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(FeedListException.class)
                .hasMessageContaining("cannot read feed list " + missing);
    }
}
