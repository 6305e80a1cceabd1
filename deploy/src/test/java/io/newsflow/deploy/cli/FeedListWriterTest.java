package io.newsflow.deploy.cli;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.ingest.feed.FeedListReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedListWriterTest {

    private static final Instant CREATED = Instant.parse("2024-05-14T09:30:00Z");
    private static final FeedSubscription MARKUP = FeedSubscription.of("https://example.com/rss?section=world&lang=en",
            "Tom & Jerry's <\"best\"> news\tdaily\nedition", "Zürich Zeitung – 日本 📰", Duration.ofMinutes(5));
    private static final FeedSubscription UNTITLED = FeedSubscription.of("https://example.org/atom.xml", null, null);
    private static final FeedSubscription PLAIN = FeedSubscription.of("https://example.net/feed", "Plain", "Plain Publisher", Duration.ofSeconds(90));
    private static final List<FeedSubscription> FEEDS = List.of(MARKUP, UNTITLED, PLAIN);

    @TempDir
    Path dir;

    private final FeedListReader reader = new FeedListReader();

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void the_opml_export_reads_back_as_the_same_subscriptions() throws IOException {
        assertThat(reader.read(file("feeds.opml", FeedListWriter.opml(FEEDS, CREATED)))).containsExactlyElementsOf(FEEDS);
    }

    @Test
    void the_opml_export_escapes_markup_and_line_breaks_and_is_plain_ascii() {
        String opml = FeedListWriter.opml(FEEDS, CREATED);

        assertThat(opml).contains("<dateCreated>Tue, 14 May 2024 09:30:00 GMT</dateCreated>")
                .contains("<outline type=\"rss\" text=\"Tom &amp; Jerry's &lt;&quot;best&quot;&gt; news&#x9;daily&#xA;edition\""
                        + " title=\"Tom &amp; Jerry's &lt;&quot;best&quot;&gt; news&#x9;daily&#xA;edition\""
                        + " xmlUrl=\"https://example.com/rss?section=world&amp;lang=en\""
                        + " publisher=\"Z&#xFC;rich Zeitung &#x2013; &#x65E5;&#x672C; &#x1F4F0;\" pollInterval=\"5m\"/>")
                // OPML requires a text: an untitled feed shows its URL, and has no title.
                .contains("<outline type=\"rss\" text=\"https://example.org/atom.xml\" xmlUrl=\"https://example.org/atom.xml\"/>");
        assertThat(opml.chars()).allMatch(c -> c < 0x80);
    }

    @Test
    void characters_xml_cannot_carry_are_left_out_so_that_the_export_stays_readable() throws IOException {
        FeedSubscription feed = FeedSubscription.of("https://example.com/rss", "bell\u0007 and lone \uD800surrogate", null);

        List<FeedSubscription> back = reader.read(file("feeds.opml", FeedListWriter.opml(List.of(feed), CREATED)));

        assertThat(back).containsExactly(FeedSubscription.of("https://example.com/rss", "bell and lone surrogate", null));
    }

    @Test
    void the_json_export_reads_back_as_the_same_subscriptions_as_json_and_as_yaml() throws IOException {
        String json = FeedListWriter.json(FEEDS);

        assertThat(json).contains("\"pollInterval\" : \"5m\"").contains("\"pollInterval\" : \"90s\"")
                .contains("\"title\" : \"Tom & Jerry's <\\\"best\\\"> news\\tdaily\\nedition\"")
                .doesNotContain("null").doesNotContain("\"id\"");
        assertThat(json.chars()).allMatch(c -> c < 0x80);
        assertThat(reader.read(file("feeds.json", json))).containsExactlyElementsOf(FEEDS);
        assertThat(reader.read(file("feeds.yaml", json))).containsExactlyElementsOf(FEEDS);
    }

    @Test
    void intervals_are_written_in_their_largest_whole_unit_and_read_back_the_same() {
        assertThat(FeedListWriter.interval(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(FeedListWriter.interval(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(FeedListWriter.interval(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(FeedListWriter.interval(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(FeedListWriter.interval(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
        for (Duration d : List.of(Duration.ofHours(2), Duration.ofMinutes(90), Duration.ofSeconds(90), Duration.ofMillis(1500), Duration.ofNanos(1500))) {
            assertThat(FeedSubscription.parseInterval(FeedListWriter.interval(d))).isEqualTo(d);
        }
    }
}
