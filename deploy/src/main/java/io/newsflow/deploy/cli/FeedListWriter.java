package io.newsflow.deploy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes feed lists that {@link io.newsflow.ingest.feed.FeedListReader} reads back as the same subscriptions: OPML 2.0 (one {@code outline}
 * per feed, with the {@code publisher} and {@code pollInterval} attributes the reader knows) or a JSON list of
 * {@code {url, title?, publisher?, pollInterval?}}. The text is plain ASCII, every other character escaped, so that
 * it stays intact whatever encoding the console or a pipe uses.
 */
final class FeedListWriter {

    /** One feed of a JSON list, with exactly the keys the reader accepts; absent values are left out. */
    private record Entry(String url, String title, String publisher, String pollInterval) {
    }

    private FeedListWriter() {
    }

    /** An OPML 2.0 document listing {@code feeds}, created at {@code created}. */
    static String opml(List<FeedSubscription> feeds, Instant created) {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<opml version=\"2.0\">\n")
                .append("  <head>\n")
                .append("    <title>Newsflow feeds</title>\n")
                .append("    <dateCreated>")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(ZoneOffset.UTC)))
                .append("</dateCreated>\n")
                .append("  </head>\n")
                .append("  <body>\n");
        for (FeedSubscription feed : feeds) {
            out.append("    <outline type=\"rss\"");
            // OPML requires a text; an untitled feed shows its URL, which the reader takes for no title.
            attribute(out, "text", feed.title() != null ? feed.title() : feed.url());
            if (feed.title() != null) {
                attribute(out, "title", feed.title());
            }
            attribute(out, "xmlUrl", feed.url());
            if (feed.publisher() != null) {
                attribute(out, "publisher", feed.publisher());
            }
            if (feed.pollInterval() != null) {
                attribute(out, "pollInterval", interval(feed.pollInterval()));
            }
            out.append("/>\n");
        }
        return out.append("  </body>\n").append("</opml>\n").toString();
    }

    /** A JSON list of {@code feeds}, one object per feed. */
    static String json(List<FeedSubscription> feeds) {
        List<Entry> entries = feeds.stream()
                .map(f -> new Entry(f.url(), f.title(), f.publisher(), f.pollInterval() == null ? null : interval(f.pollInterval())))
                .toList();
        try {
            return Json.mapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).withDefaultPrettyPrinter()
                    .writeValueAsString(entries) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the feed list as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A poll interval as people write it: {@code 2h}, {@code 5m}, {@code 90s}, {@code 250ms}. */
    static String interval(Duration interval) {
        long millis = interval.toMillis();
        if (!interval.equals(Duration.ofMillis(millis))) {
            return interval.toString();
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * Appends {@code name="value"}: markup characters as entities; tab, line breaks and every non-ASCII character as
     * character references (a literal line break in an attribute would be read back as a space); characters XML 1.0
     * cannot carry at all (other control characters, lone surrogates) are left out.
     */
    private static void attribute(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (!isXmlChar(c)) {
                        return;
                    }
                    if (c < 0x20 || c > 0x7E) {
                        out.append("&#x").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append(';');
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        out.append('"');
    }

    /** The {@code Char} production of XML 1.0. */
    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
