package io.newsflow.ingest.feed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus of broken feeds in {@code src/test/resources/feeds/broken}: each is parsed, and its first item's title
 * is what the publisher meant. Prints the share parsed.
 */
class BrokenFeedCorpusTest {

    private static final URI FEED_URI = URI.create("https://broken.example/feed.xml");

    /** The first item title each broken feed must yield. */
    private static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("bare-ampersand.xml", "Q&A with AT&T");
        TITLES.put("cdata-ampersand.xml", "Tom & Jerry &nbsp;");
        TITLES.put("control-characters.xml", "Tabbed title here");
        TITLES.put("declared-latin1-but-utf8.xml", "Crème brûlée");
        TITLES.put("declared-utf8-but-windows-1252.xml", "\u201cSmart\u201d caf\u00e9");
        TITLES.put("html-entities.xml", "Café \u2018quotes\u2019\u00a0\u2014 done");
        TITLES.put("leading-blank-lines.xml", "After blank lines");
        TITLES.put("leading-garbage.xml", "After the warning");
        TITLES.put("lowercase-doctype-with-subset.xml", "Subset &company; ignored");
        TITLES.put("numeric-references.xml", "Euro € and € and emoji \uD83D\uDCF0");
        TITLES.put("rss091-doctype.xml", "Ninety-one & still ök");
        TITLES.put("undeclared-windows-1252.xml", "\u201cSmart\u201d quotes \u2013 dash");
        TITLES.put("unknown-entity.xml", "Unknown &foo; entity");
        TITLES.put("utf16le-bom.xml", "Sixteen bits");
        TITLES.put("utf8-bom.xml", "With a BOM");
        TITLES.put("undeclared-windows-1251.xml", "Москва сегодня");
        TITLES.put("utf8-with-stray-bytes.xml", "Café naïve \uFFFD");
    }

    @Test
    void every_broken_feed_of_the_corpus_is_repaired_and_parsed() throws IOException, URISyntaxException {
        Path dir = Path.of(BrokenFeedCorpusTest.class.getResource("/feeds/broken").toURI());
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.sorted().toList();
        }
        FeedParser parser = new FeedParser();
        Map<String, String> parsed = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                ParsedFeed feed = parser.parse(in.readAllBytes(), "application/rss+xml", FEED_URI);
                parsed.put(file.getFileName().toString(), feed.items().getFirst().title());
            } catch (FeedParseException | RuntimeException e) {
                failed.put(file.getFileName().toString(), e.getMessage());
            }
        }
        System.out.printf("broken feed corpus: %d of %d parsed (%.0f%%)%s%n", parsed.size(), files.size(),
                100.0 * parsed.size() / files.size(), failed.isEmpty() ? "" : "; not parsed: " + failed);

        assertThat(failed).isEmpty();
        assertThat(parsed).containsExactlyInAnyOrderEntriesOf(TITLES);
    }
}
